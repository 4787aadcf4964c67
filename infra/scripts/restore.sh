#!/bin/sh
# Restores service databases of the compose stack from a backup.sh folder.
#
#   sh infra/scripts/restore.sh BACKUP_DIR [DATABASE ...] --yes
#
# DATABASE: reform_gateway | reform_tasks | reform_indicators |
# reform_feedback (default: all four). For each one it stops the service that
# owns it, DROPs and re-creates the database (so tables made by later
# migrations do not linger), pg_restores the dump and starts the service
# again (its start runs `migrate`, bringing the schema up to the image's
# version). Everything in the current database is lost: back it up first.
set -eu

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
PG_EXEC="${PG_EXEC:-docker compose exec -T postgres}"
COMPOSE="${COMPOSE:-docker compose}"

usage() { echo "usage: $0 BACKUP_DIR [DATABASE ...] --yes" >&2; exit 2; }
[ $# -ge 1 ] || usage
dir="$1"; shift
[ -d "$dir" ] || { echo "restore: no folder $dir" >&2; exit 1; }

yes=0; dbs=""
for a in "$@"; do
    case "$a" in
        --yes) yes=1 ;;
        reform_gateway|reform_tasks|reform_indicators|reform_feedback) dbs="$dbs $a" ;;
        *) echo "restore: unknown argument $a" >&2; usage ;;
    esac
done
[ -n "$dbs" ] || dbs="reform_gateway reform_tasks reform_indicators reform_feedback"
[ "$yes" = 1 ] || { echo "restore: would REPLACE:$dbs from $dir. Add --yes to do it." >&2; exit 1; }

if [ -f "$dir/SHA256SUMS" ]; then
    ( cd "$dir" && sha256sum --check --quiet SHA256SUMS ) || { echo "restore: checksum mismatch in $dir" >&2; exit 1; }
fi

service_of() {
    case "$1" in
        reform_gateway) echo gateway ;;
        reform_tasks) echo tasks-api ;;
        reform_indicators) echo indicators-api ;;
        reform_feedback) echo feedback-api ;;
    esac
}

for db in $dbs; do
    [ -s "$dir/$db.dump" ] || { echo "restore: missing $dir/$db.dump" >&2; exit 1; }
done

for db in $dbs; do
    svc="$(service_of "$db")"
    echo "restore: $db (stopping $svc)"
    $COMPOSE stop "$svc"
    # shellcheck disable=SC2016,SC2086  # expanded inside the container; PG_EXEC is a command line
    $PG_EXEC sh -c '
        set -e
        u="${POSTGRES_USER:-reform}"
        psql -v ON_ERROR_STOP=1 -q -U "$u" -d postgres \
             -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" \
             -c "CREATE DATABASE \"$1\"" \
             -c "REVOKE CONNECT, TEMPORARY ON DATABASE \"$1\" FROM PUBLIC"
        pg_restore -U "$u" --dbname="$1" --exit-on-error --single-transaction --no-owner --role="$u"
    ' sh "$db" < "$dir/$db.dump"
    echo "restore: $db restored (starting $svc)"
    $COMPOSE start "$svc"
done
echo "restore: done"
