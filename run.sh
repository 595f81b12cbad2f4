#!/usr/bin/env bash
# Runs the whole system locally on embedded defaults: Azurite for tables (data kept in .data/),
# the in-process queue transport, the local host at http://localhost:7071. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")"
source tools/common.sh

ensure_node_packages
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
echo "Building the local host..."
dotnet build functions/CivilProtection.LocalHost -c Debug -nologo -clp:ErrorsOnly

port="${CP_AZURITE_PORT:-10002}"
# The number goes up when the layout of the rows changes (docs/architecture.md): older data stays where it was,
# never misread by the new code.
data_dir=.data/azurite-2
mkdir -p "$data_dir"
host_pid=""
cleanup() {
  # Never fail here (set -e): a host killed by a signal makes wait return non-zero, and Azurite must still stop.
  if [ -n "$host_pid" ]; then
    kill "$host_pid" 2>/dev/null || true
    wait "$host_pid" 2>/dev/null || true
  fi
  stop_azurite
}
trap cleanup EXIT
trap 'exit 130' INT TERM
start_azurite "$port" --location "$data_dir"

export ASPNETCORE_ENVIRONMENT=Development
export CivilProtection__Tables__ConnectionString="$(azurite_connection_string "$port")"
dotnet run --no-build --no-launch-profile --project functions/CivilProtection.LocalHost -- --urls "${CP_URLS:-http://localhost:7071}" &
host_pid=$!

for _ in $(seq 1 150); do
  node -e "require('http').get('http://localhost:7071/api/health',r=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1))" 2>/dev/null && break
  sleep 0.2
done
cat <<MSG

  CivilProtection runs at http://localhost:7071  (Ctrl-C stops it and Azurite)

  Sign in on the page by picking a seeded user, or act as one from a script with the header
  X-Dev-User: <user-id>, e.g.  curl -H 'X-Dev-User: ma-duty' http://localhost:7071/api/me

    ma-duty         Youssef El Amrani   MA-DGPC    duty officer (files requests)
    ma-approver     Salma Benali        MA-DGPC    approver (validation, acceptance)
    ma-coordinator  Karim Tazi          MA-DGPC    coordinator
    ma-admin        Nadia Alaoui        MA-DGPC    admin
    fr-duty         Claire Martin       FR-DGSCGC  duty officer
    fr-approver     Julien Moreau       FR-DGSCGC  approver (validation, acceptance)
    fr-coordinator  Sophie Bernard      FR-DGSCGC  coordinator
    fr-admin        Marc Lefèvre        FR-DGSCGC  admin

  Requests are kept in $data_dir between runs; delete that folder to start afresh.

MSG
wait "$host_pid"
