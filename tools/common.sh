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
  if kill -0 "$pid" 2>/dev/null; then
    kill -INT "$pid" 2>/dev/null || true
    for _ in $(seq 1 300); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "Azurite did not stop within a minute of SIGINT; stopping it with SIGTERM (its last writes may be lost)." >&2
      kill -TERM "$pid" 2>/dev/null || true
    fi
  fi
  wait "$pid" 2>/dev/null || true
}

# Azurite's well-known development account (public, not a secret).
azurite_connection_string() {
  echo "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:$1/devstoreaccount1;"
}
