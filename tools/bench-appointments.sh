#!/usr/bin/env bash
# The appointments flash crowd (issue 3): N clients (default 2,000), each with its own token and citizen, through the
# gateway for the 200 places of one procedure on one day; prints booked count, double bookings, throughput, p50/p99
# and the plain event-append rate of the same store. Starts a throwaway PostgreSQL (fsync on) and RabbitMQ.
#   tools/bench-appointments.sh [clients]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
# shellcheck source=tools/lib/servers.sh
. "$ROOT/tools/lib/servers.sh"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
omni_require_dotnet
omni_install_prereqs
WORK=$(mktemp -d "${TMPDIR:-/tmp}/omni-bench-appt.XXXXXX")
chmod 711 "$WORK"
cleanup() {
  local rc=$?
  set +e
  trap - EXIT
  omni_stop_postgres "$WORK/postgres" || true
  omni_stop_rabbitmq "$WORK/rabbitmq" || true
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
dotnet build tools/Omnichannel.Benchmarks.Appointments/Omnichannel.Benchmarks.Appointments.csproj -c Release -v q -nologo 1>&2
PG_PORT=$(omni_free_port)
AMQP_PORT=$(omni_free_port "$PG_PORT")
DIST_PORT=$(omni_free_port "$PG_PORT" "$AMQP_PORT")
omni_start_postgres "$WORK/postgres" "$PG_PORT"
omni_start_rabbitmq "$WORK/rabbitmq" "$AMQP_PORT" "$DIST_PORT" "rabbit-bench-appt-$$@localhost"
export OMNICHANNEL_TEST_POSTGRES="$OMNI_POSTGRES"
export OMNICHANNEL_TEST_RABBITMQ="$OMNI_RABBITMQ"
export OMNICHANNEL_TEST_RABBITMQ_CTL="$ROOT/tools/lib/rabbitmq-ctl.sh $WORK/rabbitmq"
dotnet run -c Release --no-build --project tools/Omnichannel.Benchmarks.Appointments -- "$@"
