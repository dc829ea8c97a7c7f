#!/usr/bin/env bash
# Test-only TLS: a throwaway CA and one server certificate for the fake providers, so n8n's
# built-in nodes can call https://slack.com, https://api.hubapi.com, https://<sub>.zendesk.com, …
# through the routing proxy (test/fakes/proxy.js); n8n trusts the CA through NODE_EXTRA_CA_CERTS.
# The certificate's names are the host table in test/fakes/hosts.js (regenerated when it changes).
#
#   scripts/tls/make-test-ca.sh [OUT_DIR]   default ${CS_SIGNAL_OS_CACHE:-$HOME/.cache/cs-signal-os}/tls
#
# Generated at run time into the cache, never committed. Idempotent: kept while still valid for a
# day and issued for the current host table, regenerated otherwise. Each host table gets its own
# sub-folder of OUT_DIR (named by a hash of the names), so checkouts with different tables sharing one
# cache (branches, worktrees) never replace each other's CA while a test trusts it. Prints the folder
# on stdout (ca.pem, server.pem, server-key.pem).
set -euo pipefail
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
NAMES="$(node -e "process.stdout.write(require(process.argv[1]).certificateHostNames().concat('localhost').map((n) => 'DNS:' + n).join(','))" "$REPO/test/fakes/hosts.js")"
SAN="subjectAltName=$NAMES,IP:127.0.0.1"
HOME="${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}"
OUT="${1:-${CS_SIGNAL_OS_CACHE:-$HOME/.cache/cs-signal-os}/tls}/$(node -e "process.stdout.write(require('node:crypto').createHash('sha256').update(process.argv[1]).digest('hex').slice(0, 12))" "$SAN")"
mkdir -p "$OUT"
exec 9>"$OUT/.lock"
if command -v flock >/dev/null; then flock 9; fi
cd "$OUT"
if [ -f ca.pem ] && [ -f server.pem ] && [ -f server-key.pem ] && [ "$(cat names.txt 2>/dev/null)" = "$SAN" ] \
  && openssl x509 -in server.pem -noout -checkend 86400 >/dev/null 2>&1 \
  && openssl verify -CAfile ca.pem server.pem >/dev/null 2>&1; then
  echo "$OUT"
  exit 0
fi
umask 077
openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=CS Signal OS e2e test CA" \
  -keyout ca-key.pem -out ca.pem 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=cs-signal-os-fakes" \
  -keyout server-key.pem -out server.csr 2>/dev/null
cat >server.ext <<EXT
basicConstraints=CA:FALSE
keyUsage=digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
$SAN
EXT
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 825 \
  -extfile server.ext -out server.pem 2>/dev/null
rm -f server.csr server.ext ca.srl
chmod 644 ca.pem server.pem
echo "$SAN" >names.txt
echo "$OUT"
