#!/usr/bin/env bash
# `npm start`: the whole system in the foreground. Installs what is missing, starts the local
# services, creates the demo account (once), then runs the API and the worker until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
bash scripts/services.sh up
# The API refuses to start without a secret: use this checkout's own (made once, owner-only).
AUTH_JWT_SECRET="${AUTH_JWT_SECRET:-$(bash scripts/local-secret.sh)}"
export AUTH_JWT_SECRET
# The same compiled processes the Docker image runs (tsc -b only rebuilds what changed).
npx tsc -b
npm run -s build:web
node --conditions=source --import tsx scripts/seed-demo.ts

# Worker memory: V8 otherwise lets the heap grow far past what an import keeps alive (the README's
# "Performance" section has the measurements). Keep in step with docker-compose.yml.
WORKER_NODE_FLAGS=(--max-old-space-size=512 --max-semi-space-size=4)

pids=()
stop() {
  trap - INT TERM
  echo "Stopping the API and the worker..." >&2
  kill -TERM "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
}
trap stop INT TERM
node api/dist/index.js &
pids+=($!)
node "${WORKER_NODE_FLAGS[@]}" worker/dist/index.js &
pids+=($!)
# When either process ends on its own, stop the other too.
wait -n "${pids[@]}" || true
stop
