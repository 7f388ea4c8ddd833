#!/usr/bin/env bash
# `npm start`: the whole system in the foreground. Installs what is missing, starts the local
# services, creates the demo account (once), then runs the API and the worker until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
bash scripts/services.sh up
npm run -s build:web
NODE_OPTS=(--conditions=source --import tsx)
[[ -f scripts/seed-demo.ts ]] && node "${NODE_OPTS[@]}" scripts/seed-demo.ts

pids=()
stop() {
  trap - INT TERM
  echo "Stopping the API and the worker..." >&2
  kill -TERM "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
}
trap stop INT TERM
node "${NODE_OPTS[@]}" api/src/index.ts &
pids+=($!)
node "${NODE_OPTS[@]}" worker/src/index.ts &
pids+=($!)
# When either process ends on its own, stop the other too.
wait -n "${pids[@]}" || true
stop
