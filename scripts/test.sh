#!/usr/bin/env bash
# `npm test`: the whole suite. Installs what is missing, starts the local services (idempotent),
# type-checks, lints, then runs unit, integration and browser tests against the real services.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
bash scripts/services.sh up
npm run -s typecheck
npm run -s build:web
bash scripts/ensure-chromium.sh
npx eslint .
# mocha's summary, restated as the plain "N passed, N failed" line that CI reads.
log=$(mktemp)
status=0
npx mocha 'test/unit/**/*.test.ts' 'test/integration/**/*.test.ts' 'test/resilience/**/*.test.ts' 'test/e2e/**/*.test.ts' 2>&1 | tee "$log" || status=$?
passed=$(sed -n 's/^ *\([0-9][0-9]*\) passing.*/\1/p' "$log" | tail -1)
failed=$(sed -n 's/^ *\([0-9][0-9]*\) failing.*/\1/p' "$log" | tail -1)
rm -f "$log"
echo "tests: ${passed:-0} passed, ${failed:-0} failed"
exit "$status"
