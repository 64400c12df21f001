#!/usr/bin/env bash
# The queues benchmark: 20 desks calling next concurrently over 5,000 tickets of one office's day through the
# real queues service (hosted in the benchmark process with procedures), against a throwaway durable PostgreSQL
# (fsync on) and RabbitMQ. Prints tickets called twice (must be 0), calls/s, p50/p99 of call-next, and the plain
# Marten event-append rate measured in the same run. Exits non-zero if any ticket was called twice or never.
#
#   tools/bench-queues.sh [--tickets 5000] [--desks 20]
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
# shellcheck source=tools/lib/servers.sh
. "$ROOT/tools/lib/servers.sh"

omni_prepare_machine

# Build first, before any server runs, so that compile time is not spent beside them.
# Its output goes to stderr: stdout is the report.
dotnet build tools/Omnichannel.Benchmarks.Queues/Omnichannel.Benchmarks.Queues.csproj -c Release -v q -nologo 1>&2

# No --fast: the cluster keeps fsync, synchronous_commit and full-page writes on, as in production,
# so every commit waits for the disk. The benchmark prints the settings it ran with.
omni_throwaway_servers bench

if pgrep -f "dotnet test" >/dev/null 2>&1; then
  omni_log "warning: a 'dotnet test' run is going on on this machine; the figures will be disturbed by it"
fi

bench_rc=0
dotnet run -c Release --no-build --project tools/Omnichannel.Benchmarks.Queues -- "$@" || bench_rc=$?
exit $bench_rc
