#!/usr/bin/env bash
# Runs a Node script against a local host of its own: builds the local host (Release), starts it in Development over an
# in-memory Azurite on free ports, runs `node SCRIPT --base URL ARGS...`, and stops both however it ends.
# Used by ./bench.sh --pages (tools/bench-pages.mjs) and ./screenshots.sh (tools/screenshots.mjs).
#   tools/with-dev-host.sh SCRIPT [ARGS...]
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/common.sh

script="${1:?usage: tools/with-dev-host.sh SCRIPT [ARGS...]}"; shift
ensure_node_packages
ensure_chromium
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "Building the local host (Release)..."
dotnet build functions/CivilProtection.LocalHost -c Release -nologo -clp:ErrorsOnly
host_dll=functions/CivilProtection.LocalHost/bin/Release/net10.0/CivilProtection.LocalHost.dll

host_pid=""
trap stop_host_then_azurite EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

azurite_port=$(free_port)
start_azurite "$azurite_port" --inMemoryPersistence
host_port=$(free_port)
url="http://127.0.0.1:$host_port"
log="/tmp/dev-host-$host_port.log"
ASPNETCORE_ENVIRONMENT=Development CivilProtection__Tables__ConnectionString="$(azurite_connection_string "$azurite_port")" \
  dotnet "$host_dll" --urls "$url" > "$log" 2>&1 &
host_pid=$!
for _ in $(seq 1 300); do
  kill -0 "$host_pid" 2>/dev/null || { echo "The local host stopped; see $log" >&2; exit 1; }
  node -e "require('http').get('$url/api/health',r=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1))" 2>/dev/null && break
  sleep 0.2
done

node "$script" --base "$url" "$@"
