#!/bin/sh
# Backs up every service database of the compose stack with pg_dump
# (custom format, one file per database) plus the server's roles.
#
#   sh infra/scripts/backup.sh [OUT_DIR]      default: var/backups/<UTC time>/
#
# Run from anywhere; works on the running stack (pg_dump takes a consistent
# snapshot per database, no downtime). Copy the result off the host.
# For a managed PostgreSQL use pg_dump directly (infra/runbook.md).
# PG_EXEC: how to reach the server's tools (default: inside the compose
# postgres container).
set -eu

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
PG_EXEC="${PG_EXEC:-docker compose exec -T postgres}"
DATABASES="${DATABASES:-reform_gateway reform_tasks reform_indicators reform_feedback}"
out="${1:-var/backups/$(date -u +%Y%m%dT%H%M%SZ)}"

umask 077
mkdir -p "$out"
for db in $DATABASES; do
    echo "backup: $db -> $out/$db.dump"
    # shellcheck disable=SC2016,SC2086  # expanded inside the container; PG_EXEC is a command line
    $PG_EXEC sh -c 'exec pg_dump -U "${POSTGRES_USER:-reform}" --format=custom --compress=6 --dbname="$1"' sh "$db" > "$out/$db.dump.part"
    mv "$out/$db.dump.part" "$out/$db.dump"
done
echo "backup: roles -> $out/globals.sql"
# shellcheck disable=SC2016,SC2086
$PG_EXEC sh -c 'exec pg_dumpall -U "${POSTGRES_USER:-reform}" --globals-only --no-role-passwords' > "$out/globals.sql"
( cd "$out" && sha256sum -- *.dump globals.sql > SHA256SUMS )
echo "backup: done: $out"
