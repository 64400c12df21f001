#!/usr/bin/env bash
# The appointments flash crowd (issue 3): N clients (default 2,000), each with its own token and citizen, through the
# gateway for the 200 places of one procedure on one day; prints booked count, double bookings, throughput, p50/p99
# and the plain event-append rate of the same store. Starts a throwaway PostgreSQL (fsync on) and RabbitMQ.
#   tools/bench-appointments.sh [clients] [--fair-only]
# It ends with the fair-booking part (issue 12): humans and bots through admission control and through the waiting room.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
# shellcheck source=tools/lib/servers.sh
. "$ROOT/tools/lib/servers.sh"
omni_prepare_machine
dotnet build tools/Omnichannel.Benchmarks.Appointments/Omnichannel.Benchmarks.Appointments.csproj -c Release -v q -nologo 1>&2
# No --fast: fsync on, as in production.
omni_throwaway_servers bench-appt
dotnet run -c Release --no-build --project tools/Omnichannel.Benchmarks.Appointments -- "$@"
