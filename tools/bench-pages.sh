#!/usr/bin/env bash
# ./bench.sh --pages: builds the local host, starts it in Development over an in-memory Azurite of its own on free
# ports, runs tools/bench-pages.mjs (Lighthouse) against it, and stops both. Usage: tools/bench-pages.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/common.sh

runs="${1:-5}"
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
ASPNETCORE_ENVIRONMENT=Development CivilProtection__Tables__ConnectionString="$(azurite_connection_string "$azurite_port")" \
  dotnet "$host_dll" --urls "$url" > /tmp/bench-pages-host-$host_port.log 2>&1 &
host_pid=$!
for _ in $(seq 1 300); do
  kill -0 "$host_pid" 2>/dev/null || { echo "The local host stopped; see /tmp/bench-pages-host-$host_port.log" >&2; exit 1; }
  node -e "require('http').get('$url/api/health',r=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1))" 2>/dev/null && break
  sleep 0.2
done

node tools/bench-pages.mjs --base "$url" --runs "$runs" --json "${CP_BENCH_PAGES_JSON:-/tmp/bench-pages-$host_port.json}"
