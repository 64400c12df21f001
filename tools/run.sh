#!/usr/bin/env bash
# Runs Omnichannel locally: a real PostgreSQL and RabbitMQ with their data under .local/, the
# services and the gateway, all on this machine. Ctrl-C stops everything it started.
#
#   tools/run.sh [--no-build]
#
# Ports (override with the environment): PostgreSQL OMNI_PG_PORT=55432, RabbitMQ OMNI_AMQP_PORT=55672
# (distribution port OMNI_DIST_PORT, default AMQP+1), gateway OMNI_GATEWAY_PORT=8080.
# Services: procedures REST 5101 / gRPC 5201, citizens REST 5102 / gRPC 5202,
# appointments REST 5103 / gRPC 5203, queues REST 5104 / gRPC 5204 (127.0.0.1 only).
# Logs: .local/logs/<name>.log. Secrets for local use only: .local/dev-secrets.env (generated once).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
# shellcheck source=tools/lib/servers.sh
. "$ROOT/tools/lib/servers.sh"

BUILD=1
for arg in "$@"; do
  case $arg in
    --no-build) BUILD=0 ;;
    -h | --help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) omni_err "unknown argument '$arg' (usage: tools/run.sh [--no-build])"; exit 2 ;;
  esac
done

PG_PORT=${OMNI_PG_PORT:-55432}
AMQP_PORT=${OMNI_AMQP_PORT:-55672}
DIST_PORT=${OMNI_DIST_PORT:-$((AMQP_PORT + 1))}
GATEWAY_PORT=${OMNI_GATEWAY_PORT:-8080}
START_TIMEOUT=${OMNI_START_TIMEOUT:-180}   # seconds per service; the first start creates schemas

LOCAL=$ROOT/.local
LOGS=$LOCAL/logs
RABBIT_DIR=$LOCAL/rabbitmq
export OMNI_SERVER_LOG_DIR=$LOGS   # postgres.log and rabbitmq/ next to the services' logs

# name | project | REST port | gRPC port   (the gateway is started last, on its own)
SERVICES=(
  "procedures|services/Procedures/Omnichannel.Procedures.csproj|5101|5201"
  "citizens|services/Citizens/Omnichannel.Citizens.csproj|5102|5202"
  "appointments|services/Appointments/Omnichannel.Appointments.csproj|5103|5203"
  "queues|services/Queues/Omnichannel.Queues.csproj|5104|5204"
)
GATEWAY_PROJECT=gateway/Omnichannel.Gateway.csproj

omni_prepare_machine

# Refuse early, before touching the servers, when another run (or anything) holds our ports.
for port in 5101 5201 5102 5202 5103 5203 5104 5204 "$GATEWAY_PORT"; do
  if omni_port_in_use "$port"; then
    omni_err "port $port is in use (is another tools/run.sh running?); stop it first"
    exit 1
  fi
done

# Fail before starting anything when a project is not there (yet).
for spec in "${SERVICES[@]}" "gateway|$GATEWAY_PROJECT"; do
  IFS='|' read -r name project _ <<<"$spec"
  if [ ! -f "$project" ]; then
    omni_err "$project does not exist (yet): cannot start $name"
    exit 1
  fi
done

# Build first: a build error then costs no server start.
if [ $BUILD -eq 1 ]; then
  dotnet build Omnichannel.sln -c Release
fi

mkdir -p "$LOGS"

# PostgreSQL runs as user postgres, which must reach its data folder. A checkout under /root
# (mode 700) is out of its reach: then keep the data under /var/tmp, linked from .local/postgres.
chmod 711 "$LOCAL"
PG_DIR=$LOCAL/postgres
if [ ! -L "$PG_DIR" ] && ! runuser -u postgres -- test -x "$LOCAL"; then
  outside=/var/tmp/omnichannel-$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)
  mkdir -p "$outside/postgres"
  chmod 711 "$outside"
  if [ -d "$PG_DIR" ] && ! rmdir "$PG_DIR" 2>/dev/null; then
    omni_err "$PG_DIR holds data that user postgres cannot reach: move it to $outside/postgres"
    exit 1
  fi
  ln -sfn "$outside/postgres" "$PG_DIR"
  omni_log "$LOCAL is not reachable by user postgres: PostgreSQL data kept in $outside/postgres"
fi
# postgres writes its log itself, so it must reach .local/logs too (otherwise log in the data dir).
chmod 711 "$LOGS"
runuser -u postgres -- test -x "$LOGS" || unset OMNI_SERVER_LOG_DIR

# Everything started from here on is stopped on exit, Ctrl-C or any failure.
PIDS=()
NAMES=()
SLEEPER=
stop_all() {
  local rc=$? i
  set +e             # clean up as much as possible, whatever fails
  trap '' INT TERM   # a second Ctrl-C must not interrupt the clean-up halfway
  trap - EXIT
  [ -n "$SLEEPER" ] && kill "$SLEEPER" 2>/dev/null
  echo
  omni_log "stopping…"
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do   # gateway first, then the services
    stop_group "${PIDS[i]}" "${NAMES[i]}"
  done
  omni_stop_postgres "$PG_DIR" || true
  omni_stop_rabbitmq "$RABBIT_DIR" || true
  omni_log "all stopped"
  exit "$rc"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# True while a (non-zombie) process of process group $1 exists.
group_alive() {
  ps -e -o pgid=,stat= | awk -v g="$1" '$1 == g && $2 !~ /^Z/ { found = 1 } END { exit !found }'
}

# Each service runs in its own process group (setsid), so the terminal's Ctrl-C reaches only this
# script, which then stops the services in order; signalling the group also reaches the app that
# `dotnet run` starts as its child.
stop_group() {
  local pgid=$1 name=$2 i
  if group_alive "$pgid"; then
    kill -TERM -- "-$pgid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do   # ASP.NET Core drains for up to ~30 s by default; give it 20
      group_alive "$pgid" || break
      sleep 0.2
    done
    if group_alive "$pgid"; then
      omni_log "$name did not stop in time; killing it"
      kill -KILL -- "-$pgid" 2>/dev/null || true
    fi
  fi
  wait "$pgid" 2>/dev/null || true
  omni_log "$name stopped"
}

# ----- servers ------------------------------------------------------------------------------
omni_start_postgres "$PG_DIR" "$PG_PORT"
omni_start_rabbitmq "$RABBIT_DIR" "$AMQP_PORT" "$DIST_PORT"

psql_q() {
  /usr/lib/postgresql/15/bin/psql -X -q -t -A -v ON_ERROR_STOP=1 \
    -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -c "$1"
}
if [ "$(psql_q "SELECT 1 FROM pg_database WHERE datname = 'omnichannel'")" != 1 ]; then
  psql_q 'CREATE DATABASE omnichannel'
  omni_log "created database omnichannel"
fi

# ----- secrets (local development only; never used anywhere else) --------------------------
SECRETS=$LOCAL/dev-secrets.env
if [ ! -s "$SECRETS" ]; then
  (
    umask 077
    {
      echo "# Generated by tools/run.sh for local development only. Delete it to get new ones."
      echo "Auth__SigningKey='$(omni_random_base64 48)'"
      echo "Citizens__NationalIdHashKey='$(omni_random_base64 48)'"
    } >"$SECRETS"
  )
  omni_log "generated $SECRETS"
fi
chmod 600 "$SECRETS"
set -a
# shellcheck source=/dev/null
. "$SECRETS"
set +a

# ----- services --------------------------------------------------------------------------------
COMMON_ENV=(
  ASPNETCORE_ENVIRONMENT=Development
  "ConnectionStrings__Postgres=Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=omnichannel"
  "ConnectionStrings__RabbitMq=amqp://guest:guest@127.0.0.1:$AMQP_PORT/"
  Daemon__Enabled=true
  DemoData__Enabled=true
  Services__Procedures__Grpc=http://127.0.0.1:5201
  Services__Citizens__Grpc=http://127.0.0.1:5202
  Services__Appointments__Grpc=http://127.0.0.1:5203
  Services__Queues__Grpc=http://127.0.0.1:5204
)

# start NAME PROJECT ENV...: in the background, own process group, output to .local/logs/NAME.log
start() {
  local name=$1 project=$2 log=$LOGS/$1.log
  shift 2
  printf '\n===== %s: tools/run.sh starts %s =====\n' "$(date -Is)" "$name" >>"$log"
  # --no-launch-profile: launchSettings.json would override the environment and URLs set here.
  env "${COMMON_ENV[@]}" "$@" \
    setsid dotnet run --no-build --no-launch-profile -c Release --project "$project" \
    </dev/null >>"$log" 2>&1 &
  PIDS+=("$!")
  NAMES+=("$name")
  omni_log "started $name (pid $!, log .local/logs/$name.log)"
}

# wait_ready NAME URL PGID: until GET URL answers 200; shows the log's tail when it fails.
wait_ready() {
  local name=$1 url=$2 pgid=$3 i
  for ((i = 0; i < START_TIMEOUT * 2; i++)); do
    if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then
      omni_log "$name ready ($url)"
      return 0
    fi
    if ! group_alive "$pgid"; then
      omni_err "$name exited during start-up; last lines of .local/logs/$name.log:"
      tail -n 40 "$LOGS/$name.log" >&2
      return 1
    fi
    sleep 0.5
  done
  omni_err "$name not ready after ${START_TIMEOUT}s ($url); last lines of .local/logs/$name.log:"
  tail -n 40 "$LOGS/$name.log" >&2
  return 1
}

for spec in "${SERVICES[@]}"; do
  IFS='|' read -r name project rest grpc <<<"$spec"
  start "$name" "$project" \
    "Kestrel__Endpoints__Http__Url=http://127.0.0.1:$rest" \
    "Kestrel__Endpoints__Grpc__Url=http://127.0.0.1:$grpc" \
    Kestrel__Endpoints__Grpc__Protocols=Http2
done
i=0
for spec in "${SERVICES[@]}"; do
  IFS='|' read -r name project rest grpc <<<"$spec"
  wait_ready "$name" "http://127.0.0.1:$rest/health/ready" "${PIDS[i]}"
  i=$((i + 1))
done

start gateway "$GATEWAY_PROJECT" \
  "Urls=http://0.0.0.0:$GATEWAY_PORT" \
  ReverseProxy__Clusters__procedures__Destinations__primary__Address=http://127.0.0.1:5101 \
  ReverseProxy__Clusters__citizens__Destinations__primary__Address=http://127.0.0.1:5102 \
  ReverseProxy__Clusters__appointments__Destinations__primary__Address=http://127.0.0.1:5103 \
  ReverseProxy__Clusters__queues__Destinations__primary__Address=http://127.0.0.1:5104
wait_ready gateway "http://127.0.0.1:$GATEWAY_PORT/health/ready" "${PIDS[-1]}"

# ----- tokens and examples ---------------------------------------------------------------------
cli() { dotnet run --no-build -c Release --project tools/Omnichannel.Cli/Omnichannel.Cli.csproj -- "$@"; }
STAFF=$(cli token --role staff --tenant mataro --subject local-staff --hours 12)
APP=$(cli token --role channel-app --tenant mataro --subject local-channel-app --hours 12)
GW=http://localhost:$GATEWAY_PORT

cat <<EOF

Omnichannel is running. Gateway: $GW   (Ctrl-C stops everything)
Logs: .local/logs/   API reference: $GW/scalar

Tokens for tenant "mataro", valid 12 hours:
  export STAFF='$STAFF'
  export APP='$APP'

Try:
  # procedures that can be done at Point 0
  curl -H "Authorization: Bearer \$STAFF" "$GW/api/procedures?channel=point0"
  # submit a case from a kiosk (answers with the personal tracking code; schema at $GW/scalar)
  curl -X POST -H "Authorization: Bearer \$APP" -H 'Content-Type: application/json' \\
       -d '{"procedureCode":"census-certificate","channel":"kiosk","summary":"For a school enrolment"}' \\
       $GW/api/procedures/cases
  # one citizen's history across every channel
  curl -H "Authorization: Bearer \$STAFF" $GW/api/citizens/{citizenId}/history

EOF

# ----- wait ----------------------------------------------------------------------------------
# Until Ctrl-C (the traps stop everything) or until a process ends on its own. `wait` on a short
# sleep, unlike a plain sleep, lets a signal's trap run at once.
while true; do
  for i in "${!PIDS[@]}"; do
    if ! group_alive "${PIDS[i]}"; then
      omni_err "${NAMES[i]} stopped unexpectedly; last lines of .local/logs/${NAMES[i]}.log:"
      tail -n 40 "$LOGS/${NAMES[i]}.log" >&2
      exit 1
    fi
  done
  sleep 2 &
  SLEEPER=$!
  wait "$SLEEPER" || true
done
