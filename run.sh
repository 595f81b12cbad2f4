#!/usr/bin/env bash
# Runs the whole system locally on embedded defaults: Azurite for tables (data kept in .data/), the in-process queue
# transport (its queues journaled in those tables), the local host at http://localhost:7071. Ctrl-C stops everything.
#   CP_URLS         where the local host listens (default http://localhost:7071)
#   CP_AZURITE_PORT Azurite's table port (default 10002)
#   CP_DATA_DIR     where Azurite keeps its data (default .data/azurite-2)
# However the run ends (Ctrl-C, SIGTERM, the host crashing), Azurite is stopped with SIGINT, the signal it saves its
# data on, and the script waits for it to finish saving before it exits: nothing the host was told is stored is lost.
set -euo pipefail
cd "$(dirname "$0")"
source tools/common.sh

ensure_node_packages
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
echo "Building the local host..."
# Release, the build the tests run: after ./test.sh this is a no-op.
dotnet build functions/CivilProtection.LocalHost -c Release -nologo -clp:ErrorsOnly
host_dll=functions/CivilProtection.LocalHost/bin/Release/net10.0/CivilProtection.LocalHost.dll

port="${CP_AZURITE_PORT:-10002}"
urls="${CP_URLS:-http://localhost:7071}"
# The first address the host listens on, as a client reaches it (a wildcard host is reached on loopback).
url="${urls%%;*}"
url="$(echo "$url" | sed -E 's#//(\+|\*|0\.0\.0\.0|\[::\]):#//localhost:#')"
# The number goes up when the layout of the rows changes (docs/architecture.md): older data stays where it was,
# never misread by the new code.
data_dir="${CP_DATA_DIR:-.data/azurite-2}"
mkdir -p "$data_dir"

host_pid=""
trap stop_host_then_azurite EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
start_azurite "$port" --location "$data_dir"

export ASPNETCORE_ENVIRONMENT=Development
export CivilProtection__Tables__ConnectionString="$(azurite_connection_string "$port")"
# The dll itself, not `dotnet run`: the process run.sh waits for and signals is the host, not a launcher in front of it.
dotnet "$host_dll" --urls "$urls" &
host_pid=$!

for _ in $(seq 1 150); do
  kill -0 "$host_pid" 2>/dev/null || break
  node -e "require('http').get('$url/api/health',r=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1))" 2>/dev/null && break
  sleep 0.2
done
cat <<MSG

  CivilProtection runs at $url  (Ctrl-C stops it and Azurite)

  Sign in on the page by picking a seeded user, or act as one from a script with the header
  X-Dev-User: <user-id>, e.g.  curl -H 'X-Dev-User: ma-duty' $url/api/me

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
# The host ending on its own (a crash) ends the run too; the EXIT trap still stops Azurite with SIGINT.
wait "$host_pid"
