#!/usr/bin/env bash
# Makes a local PostgreSQL ready for the tests and prints its URL (the only line on stdout):
# installs Debian's `postgresql` if missing, starts the cluster, gives the `postgres` role the test password.
# The cluster listens on localhost only (Debian's default); the password is a test password, not a secret.
# The tests create a database of their own per run from this URL (server/src/storage/postgres.globalSetup.ts).
set -euo pipefail
PASSWORD="candor-test"
URL="postgres://postgres:${PASSWORD}@127.0.0.1:5432/postgres"
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "› installing PostgreSQL from Debian" >&2
  $SUDO apt-get update -qq >/dev/null
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
# the newest installed cluster (Debian 12: 15 main)
read -r VERSION CLUSTER _PORT STATUS _ < <(pg_lsclusters --no-header | sort -rn | head -1)
if [ "$STATUS" != "online" ]; then
  $SUDO pg_ctlcluster "$VERSION" "$CLUSTER" start
fi
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
for _ in $(seq 1 50); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.1; done
if ! PGPASSWORD="$PASSWORD" psql -qtA -h 127.0.0.1 -U postgres -d postgres -c 'SELECT 1' >/dev/null 2>&1; then
  as_postgres psql -qtA -c "ALTER ROLE postgres PASSWORD '${PASSWORD}'" >/dev/null
fi
echo "$URL"
