#!/usr/bin/env bash
# Installs what Candor needs on a machine that has only Node 20 and npm: pnpm, then the workspace's
# dependencies (better-sqlite3 builds from source against the Node headers in /usr).
set -euo pipefail
cd "$(dirname "$0")/.."
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
if ! command -v pnpm >/dev/null 2>&1; then
  echo "› installing pnpm"
  npm install -g pnpm@12 >/dev/null
fi
echo "› installing dependencies"
CI=true pnpm install --frozen-lockfile --reporter=append-only | tail -n 3
