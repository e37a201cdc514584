#!/usr/bin/env bash
# npm run demo: a local "Capacity planning" page rendering the built Trendcast plugin with data from a
# throw-away InfluxDB. Installs what is missing (Debian influxdb + chromium as root, node_modules,
# the plugin build), then runs scripts/demo-server.ts until Ctrl-C.
# Port: TRENDCAST_DEMO_PORT (default 3300).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

missing=()
[ -x "${INFLUXD:-/usr/bin/influxd}" ] || missing+=(influxdb)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "demo: installing ${missing[*]} (apt-get)"
    apt-get install -y --no-install-recommends "${missing[@]}" || {
      apt-get update && apt-get install -y --no-install-recommends "${missing[@]}"
    }
  elif [[ " ${missing[*]} " == *" influxdb "* ]]; then
    echo "demo: influxd not found; install InfluxDB 1.x (as root: apt-get install influxdb) or set INFLUXD" >&2
    exit 1
  else
    echo "demo: chromium not found (only needed for the e2e tests and screenshots)" >&2
  fi
fi

if [ ! -d node_modules ]; then
  echo "demo: node_modules missing: npm ci --legacy-peer-deps"
  npm ci --legacy-peer-deps
fi
if [ ! -f dist/trendcast-forecast-panel/module.js ] || [ ! -f dist/trendcast-forecast-datasource/module.js ]; then
  echo "demo: the plugins are not built in dist/: npm run build"
  npm run build
fi

# run-ts.mjs runs its bundle from a temp folder with packages left external: point Node at ours.
export NODE_PATH="$PWD/node_modules${NODE_PATH:+:$NODE_PATH}"
exec node scripts/run-ts.mjs scripts/demo-server.ts "$@"
