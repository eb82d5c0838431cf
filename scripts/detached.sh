# Sourced by the service scripts. `detached LOG CMD…` runs CMD with no inherited descriptor but a log file:
# stdin from /dev/null, stdout and stderr appended to LOG, and every other descriptor closed. A daemon that CMD
# starts (postgres, redis-server) then holds neither the pipe our caller reads the URL from nor the CI's log
# pipe, so `$(bash scripts/postgres.sh)` returns and CI sees its output end when the tests end.
detached() {
  local log="$1"; shift
  (
    for fd in /proc/$BASHPID/fd/*; do
      fd="${fd##*/}"
      if [ "$fd" -gt 2 ] 2>/dev/null; then eval "exec ${fd}>&-" 2>/dev/null || true; fi
    done
    exec "$@"
  ) </dev/null >>"$log" 2>&1
}
