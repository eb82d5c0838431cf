#!/usr/bin/env bash
# Makes a local Redis ready for the multi-process tests (several Candor processes fan out through it) and
# prints its URL (the only line on stdout): installs Debian's `redis-server` if missing, starts it on
# 127.0.0.1 without persistence (`--save ''`, no append-only file: nothing Candor sends lingers on disk) and without a
# slow log (which would keep the start of a slow PUBLISH's arguments in memory) if nothing answers there, and checks that it answers PING. Everything else goes to stderr.
set -euo pipefail
exec 3>&1 1>&2 # everything but the URL goes to stderr: the caller reads stdout
. "$(dirname "$0")/detached.sh"
LOG="$(mktemp -t candor-redis.XXXXXX)"
PORT="${CANDOR_TEST_REDIS_PORT:-6379}"
URL="redis://127.0.0.1:${PORT}"
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
  echo "› installing Redis from Debian"
  $SUDO apt-get update -qq >/dev/null
  # the package's own service may fail to start without systemd: that is fine, it is started below
  detached "$LOG" $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server || { cat "$LOG"; exit 1; }
fi
if ! redis-cli -h 127.0.0.1 -p "$PORT" ping >/dev/null 2>&1; then
  echo "› starting Redis on 127.0.0.1:${PORT}"
  # the server must not inherit our descriptors (see detached.sh)
  detached "$LOG" redis-server --daemonize yes --bind 127.0.0.1 --port "$PORT" --save '' --appendonly no --slowlog-log-slower-than -1 --dir /tmp --logfile '' || { cat "$LOG"; exit 1; }
fi
for _ in $(seq 1 100); do redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null | grep -q PONG && break; sleep 0.1; done
if ! redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null | grep -q PONG; then
  echo "Redis does not answer on 127.0.0.1:${PORT}" && exit 1
fi
echo "$URL" >&3
