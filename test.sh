#!/usr/bin/env bash
# Builds everything and runs the whole test suite. The tests start their own Azurite on free loopback ports, so
# nothing needs to be running first.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
scripts/install-tools.sh

# The web UI's browser tests drive Debian's Chromium (headless); Playwright downloads no browser of its own.
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
    echo "Installing Chromium for the web UI tests (apt-get install chromium)..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
      || echo "warning: installing chromium failed (see above); the web UI tests will fail." >&2
  else
    echo "warning: chromium is not installed and this script cannot install it (it needs apt-get, run as root)." >&2
    echo "         Install your distribution's chromium package, or set CHROMIUM_PATH to a Chromium binary;" >&2
    echo "         until then the web UI tests fail." >&2
  fi
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
dotnet test TaskFunctions.sln -c Release --nologo "$@" 2>&1 | tee "$log" || status=$?

# One closing line for the whole suite, summed over the test assemblies.
awk '/(Passed|Failed)! +- +Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
