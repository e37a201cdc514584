#!/usr/bin/env bash
# Every check, in the order a failure is cheapest to find: types, lint, unit + integration
# (real influxd), build, end-to-end (real Chromium against the built dist/).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh

echo "== typecheck"; npm run -s typecheck
echo "== lint"; npm run -s lint
echo "== build"; npm run -s build
echo "== Grafana API compatibility with grafanaDependency (levitate)"; npm run -s levitate
echo "== unit and integration tests"; npx jest --ci --maxWorkers 2
echo "== end-to-end tests (Chromium)"; npm run -s e2e -- --ci
