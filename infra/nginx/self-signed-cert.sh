#!/bin/sh
# Creates a self-signed certificate for nginx when none is installed.
# Run by the nginx container before nginx starts (see docker-compose.yml).
# For production put a CA-issued certificate at infra/nginx/certs/tls.crt
# (full chain) and infra/nginx/certs/tls.key instead; this script then does
# nothing.
set -eu

CERT_DIR="${CERT_DIR:-/etc/nginx/certs}"
CN="${TLS_SERVER_NAME:-localhost}"

if [ -s "$CERT_DIR/tls.crt" ] && [ -s "$CERT_DIR/tls.key" ]; then
    exit 0
fi

if ! command -v openssl >/dev/null 2>&1; then
    echo "nginx: no certificate at $CERT_DIR/tls.crt and no openssl to make one." >&2
    echo "nginx: see docs/deploy.md (TLS) to install a certificate." >&2
    exit 1
fi

echo "nginx: WARNING no certificate installed; generating a SELF-SIGNED one for CN=$CN" >&2
mkdir -p "$CERT_DIR"
umask 077
openssl req -x509 -nodes -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
    -days 365 -subj "/CN=$CN" \
    -addext "subjectAltName=DNS:$CN,DNS:localhost,IP:127.0.0.1" \
    -keyout "$CERT_DIR/tls.key" -out "$CERT_DIR/tls.crt" 2>/dev/null
chmod 600 "$CERT_DIR/tls.key"
chmod 644 "$CERT_DIR/tls.crt"
