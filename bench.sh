#!/usr/bin/env bash
# Times filing and routing end to end and prints the figures: installs what it needs, builds the benchmark
# (and with it the local host) in Release, starts its own Azurite on a free port in memory, stops all it started.
#   ./bench.sh [--clients N] [--requests N] [--floor-inserts N] [--warmup N] [--routing-timeout SECONDS]
#   [--paced-rate PER_SECOND] [--paced-requests N] [-- BENCHMARK OPTIONS]
#   Two loads, each from idle and measured floor -> commit (the filing's transaction alone) -> hop (GET /api/health) -> intake -> routing:
#   paced (400 operations due at 20/s, latency counted from when each was due; --paced-rate 0 skips it), then
#   saturated (each client sends again as soon as it has its answer).
#   (after --, e.g. --raw filings.csv: one line per timed filing with its intake and routing latency)
#   --store-latency 8ms (with any run but --transport-only and --functions): the local host and the floor reach Azurite
#   through a loopback proxy that adds that latency to each call and forwards calls in parallel, as Azure Table Storage
#   is reached over a network; Azurite behind it still serves one call at a time (docs/performance.md, "Store latency").
#   ./bench.sh --transport-only [--transport-messages N] [--transport-senders N]: only messages per second through the
#   Service Bus adapter over the Service Bus double against the in-process transport, journaled in its own in-memory
#   Azurite (no local host); the full run prints the same section at its end.
#   ./bench.sh --sms-only [--sms-requests N] [--sms-filing-rate PER_SECOND|max] [--sms-responders N] [--sms-rate PER_SECOND] [--sms-pacing PER_SECOND|off]
#   [--sms-clients N] [--sms-timeout SECONDS]: only SMS through a fake Twilio: filing -> tier-1 notice SMS latency, and a
#   dispatch of N responders (500) at a limited rate (10/s), the local host pacing its sends to that rate unless told
#   otherwise: rate achieved, duplicates, losses, 429s; then a request to ten partners: end of validation -> each partner's
#   contact point SMS, and an offer sent -> the requester's coverage showing it; then a request with 50 deployments whose team
#   leaders report DEPART by SMS at --sms-rate: inbound SMS -> the requester's board showing it, and the board's answer time
#   and size. The full run prints it at its end too (--no-sms to skip).
#   ./bench.sh --deployments-only [--sms-rate PER_SECOND]: only that last section of 50 deployments.
#   ./bench.sh --write-row-fixtures DIR: no measurement; writes the rows today's code stores for a short story (a route
#   request half approved, an offer waiting for a decision) into DIR, for the upgrade test (docs/deploy.md).
#   ./bench.sh --functions [--functions-requests N] [--functions-rate PER_SECOND] [--functions-lone N]: only the Azure
#   Functions app under the Functions host double with its timers on their real schedule (pump every 10 s, outbox sweep
#   every 30 s): paced filings (60 at 2/s), then lone ones (12, each after 3-12 quiet seconds), each timed to the first
#   approver's inbox and to the notice SMS at the fake Twilio, against p99 < 2 s.
#   ./bench.sh --costs [--costs-filings N] [--price-table-10k-transactions USD] [--price-servicebus-million-ops USD]: only
#   the storage calls (by table and kind) and queue operations of one filing, alone, until its notice SMS is delivered
#   (5 filings, a local host with CivilProtection:CountCalls on), and the cost of 1,000 filings at those unit prices
#   (defaults: example list prices noted 2026-12-07, 0.00036 USD per 10k table transactions, 0.80 USD per million Service Bus operations).
#   ./bench.sh --history N [--history-waiting N] [--history-samples N] [--history-filings N]: only history: writes N requests
#   (100000 in docs/performance.md) over five years for the four Development authorities straight into Azurite, in the
#   rows today's code leaves (each request's snapshot and events, its list, decided and inbox rows; 300 still waiting), in
#   transactions of at most 100 rows, 8 in flight; then a local host over it and one over an empty store (an Azurite of
#   its own), taken in turn: the first page of the list (whole, and in progress as the requests page opens it), the
#   inbox, a request's page (100 answers each), a filing and its routing to the inbox (50): p50/p99 on each store, the
#   history's over the empty store's against 1.2x, the bytes of each answer and the storage calls each made; and
#   Azurite alone on both (a query of an empty partition, a point read), which is what grows with its tables.
#   ./bench.sh --pages [--pages-runs N]: only the pages: builds the local host, starts it over its own in-memory Azurite,
#   files one request, and runs Lighthouse 12.2.3 (npm; Debian's chromium, or CHROME_PATH) with its mobile defaults and a
#   cold cache, N times (5) on the sign-in page, home, the new-request form, the inbox and the request's page, signed in
#   with the Development session cookie: the median Performance (and its lowest run), Accessibility, Best Practices,
#   LCP, KiB transferred and requests per page, against the targets (docs/performance.md, "The pages").
# The same settings from the environment: CP_BENCH_CLIENTS, CP_BENCH_REQUESTS, CP_BENCH_FLOOR_INSERTS, CP_BENCH_WARMUP,
# CP_BENCH_ROUTING_TIMEOUT. Exit code 0 unless the benchmark itself broke: it reports against its targets, it does not gate.
set -euo pipefail
cd "$(dirname "$0")"
source tools/common.sh

clients="${CP_BENCH_CLIENTS:-20}"
requests="${CP_BENCH_REQUESTS:-1000}"
floor_inserts="${CP_BENCH_FLOOR_INSERTS:-2000}"
warmup="${CP_BENCH_WARMUP:-300}"
routing_timeout="${CP_BENCH_ROUTING_TIMEOUT:-180}"
extra=()
transport_only=""
sms_only=""
functions_only=""
costs_only=""
pages_only=""
pages_runs=5
while [ $# -gt 0 ]; do
  case "$1" in
    --clients) clients="${2:?--clients needs a value}"; shift 2 ;;
    --requests) requests="${2:?--requests needs a value}"; shift 2 ;;
    --floor-inserts) floor_inserts="${2:?--floor-inserts needs a value}"; shift 2 ;;
    --warmup) warmup="${2:?--warmup needs a value}"; shift 2 ;;
    --routing-timeout) routing_timeout="${2:?--routing-timeout needs a value}"; shift 2 ;;
    --paced-rate|--paced-requests) extra+=("$1" "${2:?$1 needs a value}"); shift 2 ;;
    --transport-only) transport_only=1; shift ;;
    --transport-messages|--transport-senders) extra+=("$1" "${2:?$1 needs a value}"); shift 2 ;;
    --sms-only) sms_only=1; shift ;;
    --deployments-only) sms_only=1; extra+=("$1"); shift ;;
    --write-row-fixtures) extra+=("$1" "$(realpath -m "${2:?--write-row-fixtures needs a directory}")"); shift 2 ;;
    --functions) functions_only=1; shift ;;
    --functions-requests|--functions-rate|--functions-lone) extra+=("$1" "${2:?$1 needs a value}"); shift 2 ;;
    --costs) costs_only=1; shift ;;
    --costs-filings|--price-table-10k-transactions|--price-servicebus-million-ops) extra+=("$1" "${2:?$1 needs a value}"); shift 2 ;;
    --history) extra+=("$1" "${2:?--history needs a number of requests}"); shift 2 ;;
    --history-waiting|--history-samples|--history-filings) extra+=("$1" "${2:?$1 needs a value}"); shift 2 ;;
    --pages) pages_only=1; shift ;;
    --pages-runs) pages_runs="${2:?--pages-runs needs a value}"; shift 2 ;;
    --no-sms) extra+=("$1"); shift ;;
    --store-latency) extra+=("$1" "${2:?--store-latency needs a duration, e.g. 8ms}"); shift 2 ;;
    --sms-requests|--sms-filing-rate|--sms-responders|--sms-rate|--sms-pacing|--sms-clients|--sms-timeout) extra+=("$1" "${2:?$1 needs a value}"); shift 2 ;;
    --) shift; extra+=("$@"); break ;;
    -h|--help) sed -n '2,48p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "Unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done

ensure_node_packages
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ -n "$pages_only" ]; then
  exec tools/bench-pages.sh "$pages_runs"
fi
echo "Building the benchmark, the local host and the Functions app (Release)..."
dotnet build tests/CivilProtection.Benchmark -c Release -nologo -clp:ErrorsOnly

if [ -n "$transport_only" ]; then
  exec dotnet tests/CivilProtection.Benchmark/bin/Release/net10.0/CivilProtection.Benchmark.dll --transport-only "${extra[@]}"
fi

bench_pid=""
cleanup() {
  # The benchmark stops the local host it started when it is asked to stop; then Azurite goes.
  if [ -n "$bench_pid" ]; then
    kill -TERM "$bench_pid" 2>/dev/null || true
    wait "$bench_pid" 2>/dev/null || true
  fi
  stop_azurite
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port=$(free_port)
start_azurite "$port" --inMemoryPersistence
export CP_AZURITE_TABLE_ENDPOINT="http://127.0.0.1:$port"

if [ -n "$sms_only" ]; then
  extra=(--sms-only "${extra[@]}")
fi
if [ -n "$functions_only" ]; then
  extra=(--functions "${extra[@]}")
fi
if [ -n "$costs_only" ]; then
  extra=(--costs "${extra[@]}")
fi
dotnet tests/CivilProtection.Benchmark/bin/Release/net10.0/CivilProtection.Benchmark.dll \
  --clients "$clients" --requests "$requests" --floor-inserts "$floor_inserts" --warmup "$warmup" \
  --routing-timeout "$routing_timeout" --azurite-pid "$azurite_pid" "${extra[@]}" &
bench_pid=$!
status=0
wait "$bench_pid" || status=$?
bench_pid=""
exit "$status"
