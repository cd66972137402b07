#!/usr/bin/env bash
# Installs what the run and test commands need beyond the .NET SDK: the Node.js packages pinned by package-lock.json
# (Azurite, the local storage emulator; form-js, bpmn-js and esbuild for the web UI), and builds the task-list UI
# from ui/ into src/Functions/wwwroot (git-ignored). Safe to run repeatedly: it does nothing when both are current.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "error: $1 is not on the PATH. $2" >&2; exit 1; }
}
need dotnet "Install the .NET 10 SDK: https://dotnet.microsoft.com/download"
need node "Install Node.js 20 or later (https://nodejs.org or your package manager): Azurite runs on it."
need npm "npm comes with Node.js; install Node.js 20 or later."

node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  echo "error: Node.js $(node --version) is too old; Azurite needs Node.js 20 or later." >&2
  exit 1
fi

# npm ci only when the lockfile changed since the last install.
stamp="node_modules/.taskfunctions-lock.sha256"
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "Installing Node.js tools (npm ci)..."
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi

# The UI bundle only when its sources, its build script or the lockfile changed since the last build.
ui_out="src/Functions/wwwroot"
ui_stamp="node_modules/.taskfunctions-ui.sha256"
ui_want="$( (sha256sum package-lock.json; find ui -type f -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -d' ' -f1)"
if [ ! -f "$ui_out/app.js" ] || [ ! -f "$ui_stamp" ] || [ "$(cat "$ui_stamp")" != "$ui_want" ]; then
  echo "Building the task-list UI (ui/ -> $ui_out)..."
  node ui/build.mjs
  echo "$ui_want" > "$ui_stamp"
fi
