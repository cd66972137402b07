#!/usr/bin/env bash
# Runs TaskFunctions on http://localhost:7071. With the default settings it starts Azurite (the local Azure Storage
# emulator) itself, keeps its data in .azurite/, and stops it on exit (Ctrl+C). Extra arguments go to the host,
# e.g. ./run.sh --urls http://127.0.0.1:8080
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
scripts/install-tools.sh

settings="src/Functions/local.settings.json"
if [ ! -f "$settings" ]; then
  cp src/Functions/local.settings.example.json "$settings"
  echo "Created $settings from the example (AzureWebJobsStorage=UseDevelopmentStorage=true)."
fi

dotnet build src/Functions -c Release --nologo -v quiet -clp:ErrorsOnly
exec dotnet src/Functions/bin/Release/net10.0/TaskFunctions.Functions.dll "$@"
