#!/usr/bin/env bash
# The README's screenshots from the real pages: starts a local host of its own (Development, in-memory Azurite, free
# ports), files two requests, and saves phone-size PNGs of the main pages into docs/screenshots/ (tools/screenshots.mjs).
#   ./screenshots.sh [--out DIR]
set -euo pipefail
cd "$(dirname "$0")"
exec tools/with-dev-host.sh tools/screenshots.mjs "$@"
