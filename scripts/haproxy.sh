#!/usr/bin/env bash
# Makes HAProxy ready for the load-balanced end-to-end test (CL-14: two Candor processes behind a round-robin
# balancer) and prints the path of its binary (the only line on stdout): installs Debian's `haproxy` if missing.
# The test writes its own configuration and starts HAProxy itself, on ports of its own; the package's own
# service (if the package starts one) is not used.
set -euo pipefail
exec 3>&1 1>&2 # everything but the path goes to stderr: the caller reads stdout
. "$(dirname "$0")/detached.sh"
LOG="$(mktemp -t candor-haproxy.XXXXXX)"
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
if ! command -v haproxy >/dev/null 2>&1 && [ ! -x /usr/sbin/haproxy ]; then
  echo "› installing HAProxy from Debian"
  $SUDO apt-get update -qq >/dev/null
  detached "$LOG" $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy || { cat "$LOG"; exit 1; }
fi
BIN="$(command -v haproxy || echo /usr/sbin/haproxy)"
"$BIN" -v >/dev/null || { echo "HAProxy is installed but does not run"; exit 1; }
echo "$BIN" >&3
