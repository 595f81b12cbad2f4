#!/usr/bin/env bash
# Compiles and lints the infrastructure with the Bicep CLI pinned in Directory.Packages.props.
# Fails on any error and on any warning (bicepconfig.json makes every linter finding an error anyway).
#   infra-bicep/build.sh            compile into a temporary folder, then discard it
#   infra-bicep/build.sh OUT_DIR    keep the ARM JSON in OUT_DIR
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
tests="$repo/tests/CivilProtection.Infrastructure.Bicep.Tests"

# The Bicep CLI ships in a NuGet package; the test project references it, so restoring it fetches it.
if ! restore_output="$(dotnet restore "$tests" 2>&1)"; then
  printf '%s\n' "$restore_output" >&2
  echo "build.sh: could not restore $tests (it brings the Bicep CLI)" >&2
  exit 1
fi
package_dir="$(dotnet msbuild "$tests" -getProperty:PkgAzure_Bicep_CommandLine_linux-x64 | tr -d '[:space:]')"
bicep="$package_dir/tools/bicep"
if [[ ! -f "$bicep" ]]; then
  echo "build.sh: the Bicep CLI is not at $bicep" >&2
  exit 1
fi
# NuGet extracts files without the execute bit for group and others on some systems.
[[ -x "$bicep" ]] || chmod +x "$bicep"

if [[ $# -ge 1 ]]; then
  out="$1"
  mkdir -p "$out"
else
  out="$(mktemp -d)"
  trap 'rm -rf "$out"' EXIT
fi

findings=0

# Runs one bicep command; counts it as a finding if it fails or prints any diagnostic.
run() {
  local output status=0
  # A Twilio token in the shell must never end up in a compiled parameters file.
  output="$(env -u TWILIO_AUTH_TOKEN "$bicep" "$@" 2>&1)" || status=$?
  if [[ -n "$output" ]]; then
    printf '%s\n' "$output"
  fi
  if [[ $status -ne 0 ]] || grep -Eq '(^|[[:space:]:])(Warning|Error) ' <<<"$output"; then
    echo "build.sh: bicep $1 ${2:-} reported a problem" >&2
    findings=$((findings + 1))
  fi
}

cd "$here"

run build main.bicep --outfile "$out/main.json"

for params in env/*.bicepparam; do
  run build-params "$params" --outfile "$out/$(basename "$params" .bicepparam).parameters.json"
done

for file in main.bicep modules/*.bicep env/*.bicepparam; do
  run lint "$file"
done

if [[ $findings -ne 0 ]]; then
  echo "build.sh: $findings Bicep command(s) reported errors or warnings" >&2
  exit 1
fi
echo "build.sh: main.bicep, $(ls env/*.bicepparam | wc -l) parameters file(s) and $(ls modules/*.bicep | wc -l) module(s) compile and lint clean"
if [[ $# -ge 1 ]]; then
  echo "build.sh: ARM JSON in $out"
fi
