#!/usr/bin/env bash
# `npm test`: install what is missing (pnpm, dependencies, Debian's Chromium, PostgreSQL, Redis and HAProxy), build, then run every test:
# Vitest (unit + integration) and Playwright (end to end in Chromium). Ends with one summary line.
set -uo pipefail
cd "$(dirname "$0")/.."
export NO_COLOR=1 FORCE_COLOR=0
bash scripts/setup.sh || exit 1
if [ ! -x /usr/bin/chromium ]; then
  echo "› installing Chromium from Debian"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || exit 1
fi
# PG-*: the PostgreSQL store's tests need a real PostgreSQL: Debian's, installed (one line) and started here if missing
CANDOR_TEST_DATABASE_URL="$(bash scripts/postgres.sh)" || exit 1
export CANDOR_TEST_DATABASE_URL
# CL-*: several server processes fan out through a real Redis: Debian's, installed and started here if missing
CANDOR_TEST_REDIS_URL="$(bash scripts/redis.sh)" || exit 1
export CANDOR_TEST_REDIS_URL
# CL-14: the load-balanced end-to-end test puts Debian's HAProxy in front of two processes
CANDOR_TEST_HAPROXY="$(bash scripts/haproxy.sh)" || exit 1
export CANDOR_TEST_HAPROXY
echo "› building"
pnpm build >/dev/null || exit 1
echo "› typechecking"
pnpm typecheck || exit 1

echo "› vitest (unit + integration)"
pnpm exec vitest run --reporter=default --reporter=json --outputFile=.vitest-report.json
vitest_rc=$?
echo "› playwright (end to end, Chromium)"
pnpm exec playwright test
playwright_rc=$?

node scripts/summary.mjs .vitest-report.json .playwright-report.json
[ $vitest_rc -eq 0 ] && [ $playwright_rc -eq 0 ]
