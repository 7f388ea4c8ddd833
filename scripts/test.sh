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
npx mocha 'test/unit/**/*.test.ts' 'test/integration/**/*.test.ts' 'test/e2e/**/*.test.ts'
