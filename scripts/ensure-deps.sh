#!/usr/bin/env bash
# Installs what the demo and the tests need on a fresh Debian machine:
# Debian's influxdb (1.6) and chromium, the npm packages from package-lock.json, and the Grafana 13
# line the end-to-end tests also run on (tests/support/grafana13: its own package-lock.json, since
# one npm project cannot hold React 18 and React 19 at its top level).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v influxd >/dev/null 2>&1 || need+=(influxdb)
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "trendcast: please install the Debian packages: sudo apt-get install ${need[*]}" >&2
    exit 1
  fi
  echo "trendcast: installing Debian packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# npm ci when a project's node_modules is missing or older than its package-lock.json.
for project in . tests/support/grafana13; do
  if [ ! -d "$project/node_modules" ] || [ "$project/package-lock.json" -nt "$project/node_modules/.package-lock.json" ]; then
    echo "trendcast: installing npm packages in $project (npm ci)"
    npm ci --no-audit --no-fund --prefix "$project"
  fi
done
