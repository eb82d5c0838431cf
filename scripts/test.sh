#!/usr/bin/env bash
# `npm test`: install what is missing (pnpm, dependencies, Debian's Chromium, PostgreSQL, Redis and HAProxy), build, then run every test:
# Vitest (unit + integration) and Playwright (end to end in Chromium). Ends with one summary line.
set -uo pipefail
cd "$(dirname "$0")/.."
export NO_COLOR=1 FORCE_COLOR=0
# Set-up that fails before the runners start still ends the run with one line, saying which step failed.
not_run() { echo "Tests: not run, $1 failed"; exit 1; }
# each step says when it started, from the start of the run
step() { printf '› %s (at %dm%02ds)\n' "$1" $((SECONDS / 60)) $((SECONDS % 60)); }
rm -f .vitest-report.json .playwright-report.json # a report left by an earlier run must not be counted
bash scripts/setup.sh || not_run "installing dependencies"
# Playwright runs Debian's Chromium headless shell; the full browser is for `npm run screenshots` and by hand
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromium-headless-shell ]; then
  echo "› installing Chromium from Debian"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-headless-shell >/dev/null || not_run "installing Chromium"
fi
# PG-*: the PostgreSQL store's tests need a real PostgreSQL: Debian's, installed (one line) and started here if missing
CANDOR_TEST_DATABASE_URL="$(bash scripts/postgres.sh)" || not_run "starting PostgreSQL"
export CANDOR_TEST_DATABASE_URL
# CL-*: several server processes fan out through a real Redis: Debian's, installed and started here if missing
CANDOR_TEST_REDIS_URL="$(bash scripts/redis.sh)" || not_run "starting Redis"
export CANDOR_TEST_REDIS_URL
# CL-14: the load-balanced end-to-end test puts Debian's HAProxy in front of two processes
CANDOR_TEST_HAPROXY="$(bash scripts/haproxy.sh)" || not_run "installing HAProxy"
export CANDOR_TEST_HAPROXY
# PG-7: the dead machine's test makes a network namespace with `ip` (Debian's iproute2; skipped without it or root)
if [ "$(id -u)" -eq 0 ] && ! command -v ip >/dev/null 2>&1; then
  echo "› installing iproute2 from Debian"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq iproute2; } >/dev/null 2>&1 || echo "› iproute2 could not be installed: the dead machine's test is skipped"
fi
# the build and the typecheck are one process each: side by side they take the time of the longer (stop 51)
step "building and typechecking"
pnpm build >/dev/null &
build_pid=$!
pnpm typecheck
typecheck_rc=$?
wait $build_pid || not_run "building"
[ $typecheck_rc -eq 0 ] || not_run "typechecking"

step "vitest (unit + integration)"
pnpm exec vitest run --reporter=default --reporter=json --outputFile=.vitest-report.json
vitest_rc=$?
step "playwright (end to end, Chromium)"
pnpm exec playwright test
playwright_rc=$?

step "counting"
node scripts/summary.mjs .vitest-report.json .playwright-report.json
[ $vitest_rc -eq 0 ] && [ $playwright_rc -eq 0 ]
