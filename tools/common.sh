# Shared by run.sh, test.sh and bench.sh: install what is missing, start Azurite on a port, stop it (saved) on exit.
# shellcheck shell=bash

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# npm packages from the lock file (Azurite, Prism), only when one is missing or the lock is newer.
ensure_node_packages() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "Installing Node.js and npm from Debian's packages..."
    apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
  fi
  if [ ! -x "$repo_root/node_modules/.bin/azurite-table" ] || [ ! -x "$repo_root/node_modules/.bin/prism" ] \
    || [ "$repo_root/package-lock.json" -nt "$repo_root/node_modules/.package-lock.json" ]; then
    echo "Installing npm packages from package-lock.json..."
    (cd "$repo_root" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# Debian's Chromium, for the browser tests.
ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    echo "Installing Debian's chromium for the browser tests..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# start_azurite PORT [--inMemoryPersistence | --location DIR]: starts Azurite's table service and waits for it.
# In a session of its own, so a Ctrl-C at the terminal does not reach it: Azurite saves on the first SIGINT and dies
# at once on a second, so the one SIGINT it gets must be stop_azurite's. (setsid execs Azurite: $! is Azurite.)
start_azurite() {
  local port="$1"; shift
  local detach=()
  if command -v setsid >/dev/null; then detach=(setsid); fi
  "${detach[@]}" "$repo_root/node_modules/.bin/azurite-table" --tableHost 127.0.0.1 --tablePort "$port" --skipApiVersionCheck --disableTelemetry --silent "$@" &
  azurite_pid=$!
  for _ in $(seq 1 100); do
    if node -e "require('net').connect($port,'127.0.0.1').on('connect',()=>process.exit(0)).on('error',()=>process.exit(1))" 2>/dev/null; then
      return 0
    fi
    sleep 0.2
  done
  echo "Azurite did not start on port $port" >&2
  return 1
}

# stop_azurite: stops the Azurite start_azurite started and waits until it has gone. SIGINT, not SIGTERM: Azurite's table
# service saves its database (every 5 s otherwise) only when it is asked to stop with SIGINT; SIGTERM ends it at once and
# loses the writes of the last seconds. Only if it is still there after a minute is it made to stop.
stop_azurite() {
  local pid="${azurite_pid:-}"
  azurite_pid=""
  [ -n "$pid" ] || return 0
  stop_process "$pid" INT 60 TERM "Azurite did not stop within a minute of SIGINT; stopping it with SIGTERM (its last writes may be lost)."
  wait "$pid" 2>/dev/null || true
}

# stop_local_host PID: stops a local host started in the background (nothing if PID is empty) and waits for it. It stops
# within its 30 s shutdown timeout; one that hangs past it must not keep Azurite (and what the host already stored)
# from being saved and stopped. Never fails (callers run it from an EXIT trap under set -e).
stop_local_host() {
  local pid="$1"
  [ -n "$pid" ] || return 0
  kill -0 "$pid" 2>/dev/null && echo "Stopping the local host..."
  stop_process "$pid" TERM 45 KILL "The local host did not stop within 45 s of SIGTERM; stopping it with SIGKILL."
  wait "$pid" 2>/dev/null || true
}

# stop_host_then_azurite: the EXIT trap of a script that started a local host ($host_pid) over its Azurite; the host
# first, as it may still write while it stops.
stop_host_then_azurite() {
  stop_local_host "${host_pid:-}"
  stop_azurite
}

# stop_process PID SIGNAL SECONDS FORCE_SIGNAL MESSAGE: asks a process to stop with SIGNAL and, if it is still running
# SECONDS later, says MESSAGE and sends FORCE_SIGNAL. The caller waits for it (only a parent can).
stop_process() {
  local pid="$1" signal="$2" seconds="$3" force="$4" message="$5"
  kill -0 "$pid" 2>/dev/null || return 0
  kill -"$signal" "$pid" 2>/dev/null || true
  for _ in $(seq 1 $((seconds * 5))); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.2
  done
  echo "$message" >&2
  kill -"$force" "$pid" 2>/dev/null || true
}

# Azurite's well-known development account (public, not a secret).
azurite_connection_string() {
  echo "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:$1/devstoreaccount1;"
}
