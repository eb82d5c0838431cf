#!/usr/bin/env bash
# `npm start`: install what is missing, build the client and the server, and serve Candor on :3000.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "› building"
pnpm build >/dev/null
echo "› starting Candor on http://localhost:${PORT:-3000}"
exec node server/dist/index.js
