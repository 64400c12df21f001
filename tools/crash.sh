#!/usr/bin/env bash
# The crash experiment, on this machine only (loopback): a throwaway PostgreSQL (durable: fsync on) and RabbitMQ, the
# services of tools/Omnichannel.AppHost/PlatformServices.cs as plain processes (the AppHost does not restart a killed
# executable), a steady bounded load of case submissions and bookings, and, round after round, each service and
# RabbitMQ killed with SIGKILL and started again. Stops by itself and prints a summary table: requests accepted against
# events delivered to the citizens' history (lost, duplicated), seconds to recover after each kill (ready, and the
# outbox caught up), and answers by status (5xx included) over the run.
# A tool, not a test: it reports figures and fails only when it cannot run.
#
#   tools/crash.sh [--no-build] [--rounds N] [--targets a,b] [--rate R] [--workers N] [--duration S] [--gap S]
#   e.g. tools/crash.sh --rounds 3                      (every service, then rabbitmq, three times)
#        tools/crash.sh --no-build --rounds 1 --targets citizens,rabbitmq
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
# shellcheck source=tools/lib/servers.sh
. "$ROOT/tools/lib/servers.sh"

BUILD=1
args=()
for arg in "$@"; do
  case $arg in
    --no-build) BUILD=0 ;;
    -h | --help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) args+=("$arg") ;;
  esac
done

omni_prepare_machine

# Build before any server runs. Its output goes to stderr: stdout is the report.
if [ $BUILD -eq 1 ]; then
  dotnet build Omnichannel.sln -c Release -v q -nologo 1>&2
fi

# No --fast: a broker or database that loses acknowledged writes would make the figures meaningless.
omni_throwaway_servers crash

export OMNI_CRASH_ROOT=$ROOT
export OMNI_CRASH_POSTGRES=$OMNI_POSTGRES
export OMNI_CRASH_RABBITMQ=$OMNI_RABBITMQ
export OMNI_CRASH_RABBITMQ_DIR=$OMNI_WORK/rabbitmq

crash_rc=0
dotnet tools/Omnichannel.CrashTest/bin/Release/net10.0/Omnichannel.CrashTest.dll "${args[@]}" || crash_rc=$?
exit $crash_rc
