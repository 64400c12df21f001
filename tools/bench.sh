#!/usr/bin/env bash
# Measures the event store and the first end-to-end path on this machine, against a throwaway real
# PostgreSQL (durable: fsync on, as in production) and RabbitMQ, and prints one table:
#   - Marten appends/s (single-event sessions and 100-event batches, 1 and 8 writers) next to raw Npgsql
#     inserts of equivalent rows into an equivalent table in the same database, and their ratio (goal >= 0.8);
#   - append -> citizen-history visibility latency over 1,000 cases from 4 kiosks, then 300 from one kiosk
#     alone (goal p99 <= 250 ms), through the real procedures and citizens services hosted in the benchmark
#     process;
#   - the gateway's overhead: the same catalogue read from 8 clients direct to the procedures service and through
#     the gateway, alternating rounds: throughput ratio and the latency it adds at p50 and p99;
#   - webhook in -> keyword answer posted to the fake Telegram Bot API from 50 concurrent chats (p50/p99, answers/s,
#     goal p99 <= 50 ms) beside a bare webhook answering 200 without work (--only webhook): a closed loop in alternating
#     rounds (--seconds), then an open loop at Telegram's pace, 50 chats x 1 message/s for --paced-seconds (60: ~3,000
#     answers), the bare webhook paced alike at the same time; each mode with its phases, cost per answer and verdict.
#   - only with --only sla, the incidents' SLA watcher after a weekend: 100,000 open incidents whose first answers fall due
#     between Friday and Monday, the clock jumped to Monday afternoon; breaches recorded per second and the time until
#     all are out, next to a plain scan of the same rows (a few minutes on its own: --sla-incidents N to shrink it).
#   - kiosk heartbeats (--only heartbeats): 2,000 kiosks x 6 heartbeats (a minute at one every 10 s, time
#     compressed) through the real kiosks service: heartbeats/s absorbed, p50/p99, events written (only changes),
#     next to a plain INSERT of the same heartbeats.
#   - only with --only export, the analysts' export (issue 16): 1,000,000 events (--export-events N) seeded into the
#     procedures event table, exported by tools/Omnichannel.Cli as NDJSON, CSV and Parquet, events/s next to a raw
#     COPY (SELECT ...) TO STDOUT of the same rows in the same run (goal >= 0.5x for NDJSON and Parquet), and the CLI's
#     peak memory at N/10 and N events (flat: it streams).
#   - only with --only display, the waiting-room display under a morning rush (issue 18; tools/Omnichannel.Benchmarks.Display):
#     20 desks calling for 10 minutes (--minutes N / --seconds N), call-to-screen p50/p99 in headless Chromium beside the
#     raw display feed's latency in the same run (the ratio), and the page's JS heap after the run vs at the start.
#   - only with --only board, a supervisor's demand board while 50 desks call over 5,000 tickets (issue 17;
#     tools/Omnichannel.Benchmarks.Board): call-to-board p50/p99 on the console page in headless Chromium beside the raw display
#     feed's latency in the same run (the ratio). --tickets N, --desks N, --call-every S, --fallback-seconds S.
#   - only with --only alert, an alert to 100,000 members of one topic (--alert-subscribers N) through the messaging
#     service's paced delivery to the fake Bot API: send rate as a ratio of the configured limit (--alert-rate R, goal
#     >= 0.95), second sends (must be 0), live heap during a 10,000-member alert beside the big one (flat).
# About two minutes in all on 2 cores without the SLA, export and alert parts. Options: tools/bench.sh --help
# A measurement, not a test: a missed goal is reported, not failed. Exits non-zero on errors.
#
#   tools/bench.sh [benchmark arguments...]       e.g. tools/bench.sh --seconds 3 --latency-events 500
#
# The benchmark receives the variables the testing library (tests/Omnichannel.Testing) reads:
#   OMNICHANNEL_TEST_POSTGRES, OMNICHANNEL_TEST_RABBITMQ, OMNICHANNEL_TEST_RABBITMQ_CTL
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
# shellcheck source=tools/lib/servers.sh
. "$ROOT/tools/lib/servers.sh"

omni_prepare_machine

# --only display: the waiting-room display under a morning rush (issue 18), a project of its own (it hosts the console
# and drives Debian's headless Chromium): 20 desks calling for 10 minutes (--minutes N, or --seconds N to shorten),
# call-to-screen p50/p99 beside the raw display feed's in the same run, and the page's JS heap before and after.
if [[ " $* " == *" --only display "* ]]; then
  # shellcheck source=tools/lib/chromium.sh
  . "$ROOT/tools/lib/chromium.sh"
  omni_install_chromium
  display_args=()
  previous=""
  for arg in "$@"; do
    if [ "$arg" = "--only" ]; then previous=$arg; continue; fi
    if [ "$previous" = "--only" ] && [ "$arg" = "display" ]; then previous=""; continue; fi
    previous=""
    display_args+=("$arg")
  done
  dotnet build tools/Omnichannel.Benchmarks.Display/Omnichannel.Benchmarks.Display.csproj -c Release -v q -nologo 1>&2
  omni_throwaway_servers bench
  bench_rc=0
  dotnet run -c Release --no-build --project tools/Omnichannel.Benchmarks.Display -- "${display_args[@]}" || bench_rc=$?
  exit $bench_rc
fi

# --only board: the supervisor's demand board (issue 17), a project of its own (it hosts identity and the console and drives
# Debian's headless Chromium): 50 desks calling over 5,000 tickets, call-to-board p50/p99 beside the raw display feed's.
if [[ " $* " == *" --only board "* ]]; then
  # shellcheck source=tools/lib/chromium.sh
  . "$ROOT/tools/lib/chromium.sh"
  omni_install_chromium
  board_args=()
  previous=""
  for arg in "$@"; do
    if [ "$arg" = "--only" ]; then previous=$arg; continue; fi
    if [ "$previous" = "--only" ] && [ "$arg" = "board" ]; then previous=""; continue; fi
    previous=""
    board_args+=("$arg")
  done
  dotnet build tools/Omnichannel.Benchmarks.Board/Omnichannel.Benchmarks.Board.csproj -c Release -v q -nologo 1>&2
  omni_throwaway_servers bench
  bench_rc=0
  dotnet run -c Release --no-build --project tools/Omnichannel.Benchmarks.Board -- "${board_args[@]}" || bench_rc=$?
  exit $bench_rc
fi

# Build first, before any server runs, so that compile time is not spent beside them.
# Its output goes to stderr: stdout is the report.
dotnet build tools/Omnichannel.Benchmarks/Omnichannel.Benchmarks.csproj -c Release -v q -nologo 1>&2

# No --fast: the cluster keeps fsync, synchronous_commit and full-page writes on, as in production,
# so every commit waits for the disk. The benchmark prints the settings it ran with.
omni_throwaway_servers bench

if pgrep -f "dotnet test" >/dev/null 2>&1; then
  omni_log "warning: a 'dotnet test' run is going on on this machine; the figures will be disturbed by it"
fi

bench_rc=0
dotnet run -c Release --no-build --project tools/Omnichannel.Benchmarks -- "$@" || bench_rc=$?
exit $bench_rc
