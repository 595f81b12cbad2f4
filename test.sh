#!/usr/bin/env bash
# Runs every test: installs what it needs, starts its own Azurite on a free port, stops it at the end.
set -euo pipefail
cd "$(dirname "$0")"
source tools/common.sh

ensure_node_packages
ensure_chromium
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

echo "Building..."
dotnet build CivilProtection.sln -c Release -nologo -clp:ErrorsOnly

port=$(free_port)
trap stop_azurite EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
start_azurite "$port" --inMemoryPersistence
export CP_AZURITE_TABLE_ENDPOINT="http://127.0.0.1:$port"
echo "Azurite (tables) on $CP_AZURITE_TABLE_ENDPOINT"

log=$(mktemp)
status=0
dotnet test CivilProtection.sln -c Release --no-build -nologo 2>&1 | tee "$log" || status=$?

# One closing line for CI, summed over every test project.
awk '/(Passed|Failed)! +- +Failed: / {
       for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1));
         if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
if grep -qE "Skipped: +[1-9]" "$log"; then
  echo "Some tests were skipped: a skipped test does not count as passing." >&2
  status=1
fi
rm -f "$log"
exit "$status"
