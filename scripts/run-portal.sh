#!/usr/bin/env bash
# The README's run command: installs what is missing, then starts the portal.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure-node.sh
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
node scripts/prisma-generate.mjs >/dev/null
exec node node_modules/tsx/dist/cli.mjs scripts/portal.ts
