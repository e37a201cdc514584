#!/usr/bin/env bash
# Installs what the demo and the tests need on a fresh Debian machine:
# Debian's influxdb (1.6) and chromium, and the npm packages from package-lock.json.
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

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "trendcast: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
fi
