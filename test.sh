#!/usr/bin/env bash
# Builds everything and runs the whole test suite. The tests start their own Azurite on free loopback ports, so
# nothing needs to be running first.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
scripts/install-tools.sh

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
dotnet test TaskFunctions.sln -c Release --nologo "$@" 2>&1 | tee "$log" || status=$?

# One closing line for the whole suite, summed over the test assemblies.
awk '/(Passed|Failed)! +- +Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
