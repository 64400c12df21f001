#!/usr/bin/env bash
# Runs Omnichannel locally: a real PostgreSQL and RabbitMQ with their data under .local/, then the
# Aspire AppHost (tools/Omnichannel.AppHost), which starts every service of its list and the gateway,
# with Aspire's dashboard for traces, logs and metrics. Ctrl-C stops everything it started.
#
#   tools/run.sh [--no-build]
#
# Ports (override with the environment): PostgreSQL OMNI_PG_PORT=55432, RabbitMQ OMNI_AMQP_PORT=55672
# (distribution port OMNI_DIST_PORT, default AMQP+1), gateway OMNI_GATEWAY_PORT=8080, dashboard 18888.
# The services' own ports are in tools/Omnichannel.AppHost/PlatformServices.cs (127.0.0.1 only).
# Logs: .local/logs/<name>.log. Secrets for local use only: .local/dev-secrets.env (generated once).
set -euo pipefail

# Started in the background from a script (`tools/run.sh &`), bash gets SIGINT ignored and cannot trap a signal it
# was started with ignored: start again with SIGINT and SIGTERM at their defaults, so Ctrl-C or `kill -INT` stops it.
if [ -z "${OMNI_RUN_SIGNALS_RESET:-}" ]; then
  export OMNI_RUN_SIGNALS_RESET=1
  exec env --default-signal=INT,TERM bash "${BASH_SOURCE[0]}" "$@"
fi

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
# shellcheck source=tools/lib/servers.sh
. "$ROOT/tools/lib/servers.sh"
# shellcheck source=tools/lib/smtp4dev.sh
. "$ROOT/tools/lib/smtp4dev.sh"

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
START_TIMEOUT=${OMNI_START_TIMEOUT:-300}   # seconds for the whole platform; the first start creates schemas

LOCAL=$ROOT/.local
LOGS=$LOCAL/logs
RABBIT_DIR=$LOCAL/rabbitmq
export OMNI_SERVER_LOG_DIR=$LOGS   # postgres.log and rabbitmq/ next to the services' logs

APPHOST=tools/Omnichannel.AppHost/Omnichannel.AppHost.csproj
DASHBOARD_PORTS=(18888 18889 18890)   # the dashboard, its OTLP and resource endpoints (launchSettings.json)
# smtp4dev (e-mail): SMTP, IMAP, web UI — the ports services/Messaging/appsettings.Development.json names
MAIL_PORTS=(2525 1143 5080)

omni_prepare_machine
omni_install_smtp4dev "$ROOT"

# Refuse early, before touching the servers, when another run (or anything) holds our ports.
for port in "$GATEWAY_PORT" "${DASHBOARD_PORTS[@]}" "${MAIL_PORTS[@]}"; do
  if omni_port_in_use "$port"; then
    omni_err "port $port is in use (is another tools/run.sh running?); stop it first"
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
  omni_stop_smtp4dev "$LOCAL/smtp4dev" || true
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

# The AppHost runs in its own process group (setsid), so the terminal's Ctrl-C reaches only this
# script. SIGTERM goes to the AppHost alone, which stops every service it started before it exits;
# whatever of its group is still there after that is killed.
stop_group() {
  local pgid=$1 name=$2 i
  if group_alive "$pgid"; then
    kill -TERM "$pgid" 2>/dev/null || true
    for ((i = 0; i < 200; i++)); do   # services drain for up to 25 s; give the whole platform 40
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
    } >"$SECRETS"
  )
  omni_log "generated $SECRETS"
fi
# Each service's own secrets, as the list of services names them (tools/Omnichannel.AppHost/PlatformServices.cs):
# a key the file does not have yet (a service added since it was made) gets a new local value; the others are kept.
omni_random_hex() { head -c "${1:-24}" /dev/urandom | od -An -tx1 | tr -d ' \n'; }
SERVICE_SECRETS=$(dotnet tools/Omnichannel.AppHost/bin/Release/net10.0/Omnichannel.AppHost.dll --list-secrets)
for key in $SERVICE_SECRETS; do
  grep -q "^${key}=" "$SECRETS" && continue
  case $key in
    # A Telegram bot token has the shape <bot id>:<secret>; the client library refuses any other.
    *__Telegram__Bots__*__Token) value="$(( (RANDOM << 15 | RANDOM) + 100000 )):$(omni_random_hex 24)" ;;
    # The identity service's token signing keys: RSA, PKCS#8 DER in base64 (what Identity:SigningKeys:<n> reads).
    # (openssl pkcs8 -topk8: genpkey alone writes PKCS#1 DER on some OpenSSL versions)
    *__SigningKeys__*) value=$(openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 2>/dev/null | openssl pkcs8 -topk8 -nocrypt -outform DER | base64 -w0) ;;
    # Demo staff passwords: four words' worth of hex, easy to paste into the sign-in form.
    *__DemoStaff__*) value=$(omni_random_hex 10) ;;
    *) value=$(omni_random_hex 32) ;;
  esac
  (umask 077; echo "${key}='${value}'" >>"$SECRETS")
done
chmod 600 "$SECRETS"
set -a
# shellcheck source=/dev/null
. "$SECRETS"
set +a

# ----- e-mail: smtp4dev on loopback, its mailbox seu-mataro getting the mail to seu@ajmataro.cat ----------
# smtp4dev runs without authentication: the service's IMAP password (a dev secret like the others) is not checked.
omni_start_smtp4dev "$ROOT" "$LOCAL/smtp4dev" "${MAIL_PORTS[0]}" "${MAIL_PORTS[1]}" "${MAIL_PORTS[2]}" "seu-mataro=seu@ajmataro.cat"

# ----- the platform: the AppHost starts every service of its list, then the gateway --------------
# Run the built AppHost itself rather than through `dotnet run`, so that SIGTERM reaches it: it then stops
# every service (and the dashboard) before it exits. The dashboard settings are those of its launch profile.
APPHOST_DLL=tools/Omnichannel.AppHost/bin/Release/net10.0/Omnichannel.AppHost.dll
APPHOST_LOG=$LOGS/apphost.log
printf '\n===== %s: tools/run.sh starts the AppHost =====\n' "$(date -Is)" >>"$APPHOST_LOG"
env DOTNET_ENVIRONMENT=Development ASPNETCORE_ENVIRONMENT=Development \
  ASPNETCORE_URLS="http://localhost:${DASHBOARD_PORTS[0]}" \
  ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="http://localhost:${DASHBOARD_PORTS[1]}" \
  ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL="http://localhost:${DASHBOARD_PORTS[2]}" \
  ASPIRE_ALLOW_UNSECURED_TRANSPORT=true \
  "ConnectionStrings__Postgres=Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=omnichannel" \
  "ConnectionStrings__RabbitMq=amqp://guest:guest@127.0.0.1:$AMQP_PORT/" \
  DemoData__Enabled=true \
  Gateway__Port="$GATEWAY_PORT" \
  Logs__Directory="$LOGS" \
  setsid dotnet "$APPHOST_DLL" </dev/null >>"$APPHOST_LOG" 2>&1 &
PIDS+=("$!")
NAMES+=("the AppHost")
omni_log "started the AppHost (pid $!, log .local/logs/apphost.log; each service logs to .local/logs/<name>.log)"

# Until the gateway answers ready: it starts only once every service is ready (the AppHost waits for them).
for ((i = 0; ; i++)); do
  if curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$GATEWAY_PORT/health/ready" 2>/dev/null; then
    omni_log "gateway ready (http://127.0.0.1:$GATEWAY_PORT)"
    break
  fi
  if ! group_alive "${PIDS[0]}"; then
    omni_err "the AppHost exited during start-up; last lines of .local/logs/apphost.log:"
    tail -n 40 "$APPHOST_LOG" >&2
    exit 1
  fi
  if ((i >= START_TIMEOUT * 2)); then
    omni_err "the platform is not ready after ${START_TIMEOUT}s; see the dashboard or .local/logs/<name>.log. Last lines of the AppHost's log:"
    tail -n 40 "$APPHOST_LOG" >&2
    exit 1
  fi
  sleep 0.5
done
DASHBOARD=$(grep -o 'http://localhost:[0-9]*/login?t=[0-9a-f]*' "$APPHOST_LOG" | tail -n 1 || true)

# ----- tokens and examples ---------------------------------------------------------------------
cli() { dotnet run --no-build -c Release --project tools/Omnichannel.Cli/Omnichannel.Cli.csproj -- "$@"; }
STAFF=$(cli token --role staff --tenant mataro --subject local-staff --hours 12)
APP=$(cli token --role channel-app --tenant mataro --subject local-channel-app --hours 12)
GW=http://localhost:$GATEWAY_PORT
# A channel app's token from the identity service (client credentials, through the gateway's /connect/token);
# the client's secret is the one the identity service got from .local/dev-secrets.env.
APP_CC=$(cli client-token --authority "$GW" --client mataroChannelApp 2>/dev/null || echo "(not available: see .local/logs/identity.log)")
# The demo staff accounts (per council and role) and their generated passwords, from .local/dev-secrets.env.
DEMO_STAFF=$(env | sed -n 's/^Identity__DemoStaff__\([^_]*\)__\([^=]*\)=\(.*\)$/  \1.\2   \3/p' | sort)

cat <<EOF

Omnichannel is running. Gateway: $GW   (Ctrl-C stops everything)
Staff console: $GW/console/   (sign in with a demo staff account below)
Logs: .local/logs/   API reference: $GW/scalar
E-mail (smtp4dev): what the council sends at http://127.0.0.1:${MAIL_PORTS[2]}; write to seu@ajmataro.cat by SMTP at 127.0.0.1:${MAIL_PORTS[0]}
Dashboard (traces, logs, metrics of every service): ${DASHBOARD:-http://localhost:${DASHBOARD_PORTS[0]} (login link in .local/logs/apphost.log)}

Tokens for tenant "mataro", valid 12 hours:
  export STAFF='$STAFF'
  export APP='$APP'

A channel app's token from the identity service (client credentials; \`cli client-token --help\`):
  export APP_CC='$APP_CC'

Demo staff accounts (user name, password) for the console at $GW/console/ (or any client of $GW/connect/authorize):
$DEMO_STAFF
  (mataro.dataprotectionofficer is the data-protection officer: access log, erasure, access export — docs/data-rights.md)

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
# Until Ctrl-C (the traps stop everything) or until the AppHost ends on its own. A service that exits is reported
# by the AppHost (lines starting "omni:" in its log), shown here, and the others keep running. `wait` on a short
# sleep, unlike a plain sleep, lets a signal's trap run at once.
reported=$(grep -c '^omni: ' "$APPHOST_LOG" || true)
while true; do
  if ! group_alive "${PIDS[0]}"; then
    omni_err "the AppHost stopped unexpectedly; last lines of .local/logs/apphost.log:"
    tail -n 40 "$APPHOST_LOG" >&2
    exit 1
  fi
  now=$(grep -c '^omni: ' "$APPHOST_LOG" || true)
  if ((now > reported)); then
    grep '^omni: ' "$APPHOST_LOG" | tail -n $((now - reported)) | sed 's/^omni: /[omni] /' >&2
    reported=$now
  fi
  sleep 2 &
  SLEEPER=$!
  wait "$SLEEPER" || true
done
