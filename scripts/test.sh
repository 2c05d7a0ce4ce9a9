#!/usr/bin/env bash
# The README's test command: the whole suite (types, lint, unit, integration
# against a real PostgreSQL, end-to-end in Chromium). Installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure-node.sh
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "Chromium is needed for the end-to-end tests: apt-get install -y chromium (or set CHROMIUM_PATH)" >&2
  exit 1
fi
if ! command -v pdftoppm >/dev/null 2>&1; then
  echo "poppler-utils is needed to check the printed posters: apt-get install -y poppler-utils" >&2
  exit 1
fi
# The deployment tests run the topology of docs/DEPLOY.md with Debian's own servers.
if ! { [ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1; } || ! compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || ! command -v openssl >/dev/null 2>&1; then
  echo "nginx, PostgreSQL and openssl are needed for the deployment tests: apt-get install -y nginx postgresql openssl" >&2
  exit 1
fi
node scripts/prisma-generate.mjs >/dev/null
echo "== types"; node node_modules/typescript/bin/tsc --noEmit -p .
echo "== format"; node node_modules/prettier/bin/prettier.cjs --check . --log-level warn
echo "== lint"; node node_modules/eslint/bin/eslint.js . --max-warnings 0
echo "== migrations and schema.prisma agree, tests"
status=0
node node_modules/vitest/vitest.mjs run --reporter=default --reporter=json --outputFile=.data/test-results.json "$@" || status=$?
# A run that failed to start (e.g. a global setup error) can end without failed
# tests; the report's own verdict and a non-empty count decide as well.
node -e '
  const r = require("./.data/test-results.json");
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
  if (!r.success || r.numTotalTests === 0 || r.numFailedTests > 0) process.exit(1);
' || status=1
exit $status
