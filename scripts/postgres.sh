#!/usr/bin/env bash
# Makes a local PostgreSQL ready for the tests and prints its URL (the only line on stdout):
# installs Debian's `postgresql` server if missing (a fresh machine may have only the client and
# postgresql-common, so `pg_ctlcluster` alone proves nothing), creates a cluster if there is none, starts it,
# gives the `postgres` role the test password, and checks that a login with the printed URL works.
# The cluster listens on localhost only (Debian's default); the password is a test password, not a secret.
# The tests create a database of their own per run from this URL (server/src/storage/postgres.globalSetup.ts).
set -euo pipefail
exec 3>&1 1>&2 # everything but the URL goes to stderr: the caller reads stdout
. "$(dirname "$0")/detached.sh"
LOG="$(mktemp -t candor-postgres.XXXXXX)"
PASSWORD="candor-test"
URL="postgres://postgres:${PASSWORD}@127.0.0.1:5432/postgres"
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
if ! compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; then
  echo "› installing PostgreSQL from Debian"
  $SUDO apt-get update -qq >/dev/null
  detached "$LOG" $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql || { cat "$LOG"; exit 1; }
fi
if [ -z "$(pg_lsclusters --no-header 2>/dev/null)" ]; then
  NEWEST="$(basename "$(ls -d /usr/lib/postgresql/*/ | sort -V | tail -1)")"
  echo "› creating PostgreSQL cluster $NEWEST main"
  detached "$LOG" $SUDO pg_createcluster "$NEWEST" main || { cat "$LOG"; exit 1; }
fi
# the newest cluster (Debian 12: 15 main)
read -r VERSION CLUSTER PORT STATUS _ < <(pg_lsclusters --no-header | sort -rn | head -1)
if [ "$STATUS" != "online" ]; then
  # the server must not inherit our descriptors (see detached.sh): a CI run once waited 90 minutes on it
  detached "$LOG" $SUDO pg_ctlcluster "$VERSION" "$CLUSTER" start || { cat "$LOG"; exit 1; }
fi
URL="postgres://postgres:${PASSWORD}@127.0.0.1:${PORT}/postgres"
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
for _ in $(seq 1 100); do pg_isready -q -h 127.0.0.1 -p "$PORT" && break; sleep 0.1; done
if ! PGPASSWORD="$PASSWORD" psql -qtA -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -c 'SELECT 1' >/dev/null 2>&1; then
  as_postgres psql -qtA -p "$PORT" -c "ALTER ROLE postgres PASSWORD '${PASSWORD}'" >/dev/null
fi
if ! PGPASSWORD="$PASSWORD" psql -qtA -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -c 'SELECT 1' >/dev/null; then
  echo "PostgreSQL is running but a login with the test password fails" && exit 1
fi
echo "$URL" >&3
