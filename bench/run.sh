#!/usr/bin/env bash
# Runs every benchmark of bench/ in one go and writes bench/results/<date>-report.md, a CSV and SVG charts, and
# bench/results/latest.md. Installs what it needs (the pinned npm packages: Azurite, bpmn-engine, @azure/data-tables),
# builds in Release, starts its own in-memory Azurite on a free loopback port and the real host as a process.
#   bench/run.sh            full run (about 30 minutes on 2 cores, half of it the search section)
#   bench/run.sh --quick    small counts, under 3 minutes: a check that everything works, not figures to quote
# Other arguments: --out DIR, --only raw,http,search,peer,interpreter, --concurrency 1,8,32.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/install-tools.sh
dotnet build TaskFunctions.sln -c Release --nologo -v quiet -clp:ErrorsOnly
exec dotnet bench/TaskFunctions.Bench/bin/Release/net10.0/TaskFunctions.Bench.dll "$@"
