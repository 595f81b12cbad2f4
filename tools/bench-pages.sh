#!/usr/bin/env bash
# ./bench.sh --pages: tools/bench-pages.mjs (Lighthouse) against a local host of its own (tools/with-dev-host.sh).
# Usage: tools/bench-pages.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
exec tools/with-dev-host.sh tools/bench-pages.mjs --runs "${1:-5}" --json "${CP_BENCH_PAGES_JSON:-/tmp/bench-pages-$$.json}"
