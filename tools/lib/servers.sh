# shellcheck shell=bash
# Start and stop a real PostgreSQL 15 and a real RabbitMQ as plain processes on 127.0.0.1, with
# their data in a folder we choose (no systemd, no Docker). Sourced by tools/run.sh and
# tools/test.sh. The recipe is the one verified in shared/STACK.md ("Real servers").
#
#   omni_prepare_machine                                   the .NET SDK checked, the servers installed when missing
#   omni_install_prereqs                                   apt-get the servers when missing
#   omni_start_postgres DATA_DIR PORT [--fast]             exports OMNI_POSTGRES
#   omni_stop_postgres DATA_DIR
#   omni_start_rabbitmq DATA_DIR AMQP_PORT DIST_PORT [NODE] exports OMNI_RABBITMQ, writes DATA_DIR/rabbitmq.env
#   omni_stop_rabbitmq DATA_DIR
#   omni_free_port [PORT_TO_AVOID...]                      prints a free TCP port on 127.0.0.1
#
# Server logs go to $OMNI_SERVER_LOG_DIR when set, else into the data folder.

# shellcheck source=tools/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

OMNI_PG_BIN=/usr/lib/postgresql/15/bin
OMNI_RABBIT_BIN=/usr/lib/rabbitmq/bin

# ---------------------------------------------------------------------------------------------
# Installation
# ---------------------------------------------------------------------------------------------

omni_install_prereqs() {
  local missing=()
  [ -x "$OMNI_PG_BIN/initdb" ] || missing+=(postgresql)
  [ -x "$OMNI_RABBIT_BIN/rabbitmq-server" ] || missing+=(rabbitmq-server)
  command -v curl >/dev/null 2>&1 || missing+=(curl)   # run.sh's health checks
  [ ${#missing[@]} -eq 0 ] && return 0

  if [ "$(id -u)" -ne 0 ]; then
    omni_err "missing ${missing[*]}; run as root (or: apt-get install -y ${missing[*]})"
    return 1
  fi
  omni_log "installing ${missing[*]} from the Debian archive"

  # Debian's postinst scripts try to start the services; without systemd that fails and would
  # abort the install. A policy-rc.d that exits 101 ("action forbidden") makes invoke-rc.d skip
  # the start. Keep one that is already there (Docker-style images ship it).
  local policy=/usr/sbin/policy-rc.d made_policy=0 rc=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\n# temporary, written by omni_install_prereqs\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    made_policy=1
  fi
  {
    DEBIAN_FRONTEND=noninteractive apt-get update -q &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
  } || rc=$?
  [ $made_policy -eq 1 ] && rm -f "$policy"
  if [ $rc -ne 0 ]; then
    omni_err "apt-get install ${missing[*]} failed (exit $rc)"
    return 1
  fi

  _omni_stop_packaged_servers
  if [ ! -x "$OMNI_PG_BIN/initdb" ] || [ ! -x "$OMNI_RABBIT_BIN/rabbitmq-server" ]; then
    omni_err "after the install, $OMNI_PG_BIN/initdb or $OMNI_RABBIT_BIN/rabbitmq-server is still missing"
    return 1
  fi
}

# What every script needs before it builds or starts anything: a quiet dotnet, the SDK, the servers.
omni_prepare_machine() {
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
  omni_require_dotnet
  omni_install_prereqs
  omni_drop_lock_package_stand_in
}

# Marten's lock package was once replaced here by a metadata-only stand-in with the same id and
# version (1.3.3). A NuGet cache that still holds it would keep using it silently, and HotCold
# daemons would fail to take their locks: delete it so that the next restore fetches the real one.
omni_drop_lock_package_stand_in() {
  local cached=${NUGET_PACKAGES:-$HOME/.nuget/packages}/patched.distributedlock.postgres/1.3.3
  if [ -d "$cached" ] && [ ! -f "$cached/lib/net8.0/DistributedLock.Postgres.dll" ]; then
    omni_log "removing the stand-in Patched.DistributedLock.Postgres 1.3.3 from the NuGet cache ($cached)"
    rm -rf "$cached"
  fi
}

# If a package did start its own server on the default ports anyway, stop it: we run our own.
_omni_stop_packaged_servers() {
  local ver name _port status _rest
  if command -v pg_lsclusters >/dev/null 2>&1; then
    while read -r ver name _port status _rest; do
      if [ "$status" = online ]; then
        omni_log "stopping the packaged PostgreSQL cluster $ver/$name"
        pg_ctlcluster "$ver" "$name" stop || true
      fi
    done < <(pg_lsclusters --no-header 2>/dev/null || true)
  fi
  if omni_port_in_use 5672 && [ -x /usr/sbin/rabbitmqctl ]; then
    omni_log "stopping the packaged RabbitMQ node"
    /usr/sbin/rabbitmqctl stop >/dev/null 2>&1 || true
  fi
  _omni_epmd_kill_if_unused
}

# ---------------------------------------------------------------------------------------------
# Ports
# ---------------------------------------------------------------------------------------------

# A free port chosen by the kernel. Avoids the given ports, epmd's 4369 and 35672-35682, the
# range RabbitMQ's CLI tools listen on while they run.
omni_free_port() {
  local port attempt avoid ok
  for attempt in $(seq 1 50); do
    if command -v python3 >/dev/null 2>&1; then
      port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    else
      port=$((20000 + RANDOM % 12000))
      omni_port_in_use "$port" && continue
    fi
    ok=1
    for avoid in "$@" 4369; do [ "$port" = "$avoid" ] && ok=0; done
    if [ "$port" -ge 35672 ] && [ "$port" -le 35682 ]; then ok=0; fi
    if [ $ok -eq 1 ]; then
      echo "$port"
      return 0
    fi
  done
  omni_err "could not find a free TCP port"
  return 1
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------------------------

_omni_pg() { runuser -u postgres -- "$OMNI_PG_BIN/$1" "${@:2}"; }

omni_start_postgres() {
  local data_dir=${1:?usage: omni_start_postgres DATA_DIR PORT [--fast]} port=${2:?PORT}
  local fast=0 log_dir log sock_dir opts
  [ "${3:-}" = --fast ] && fast=1
  data_dir=$(realpath -m "$data_dir")
  log_dir=${OMNI_SERVER_LOG_DIR:-$data_dir}
  log=$log_dir/postgres.log

  # PostgreSQL refuses to run as root: everything below runs as user postgres, which therefore
  # needs to own the data folder and to traverse every folder above it.
  mkdir -p "$data_dir" "$log_dir"
  chown postgres:postgres "$data_dir"
  chmod 700 "$data_dir"
  if ! runuser -u postgres -- test -w "$data_dir"; then
    omni_err "user postgres cannot reach $data_dir (a folder above it is not traversable, e.g. /root);"
    omni_err "use a data folder under /tmp or /var/tmp, or chmod o+x the folders above it"
    return 1
  fi

  if _omni_pg pg_ctl -D "$data_dir" status >/dev/null 2>&1; then
    omni_log "PostgreSQL already running from $data_dir; reusing it"
  else
    if omni_port_in_use "$port"; then
      omni_err "port $port is already in use: cannot start PostgreSQL there"
      return 1
    fi
    if [ ! -s "$data_dir/PG_VERSION" ]; then
      local initdb_args=(-D "$data_dir" -U postgres -A trust -E UTF8 --no-locale)
      [ $fast -eq 1 ] && initdb_args+=(--no-sync)   # throwaway cluster: skip the fsyncs
      local out
      if ! out=$(_omni_pg initdb "${initdb_args[@]}" 2>&1); then
        omni_err "initdb failed:"
        printf '%s\n' "$out" | tail -n 20 >&2
        return 1
      fi
    fi
    # Created after initdb, which wants an empty folder; written by the server as user postgres.
    touch "$log" && chown postgres:postgres "$log"

    # The Unix socket goes next to the data (private); a socket path must stay under 108 bytes.
    sock_dir=$data_dir
    if [ ${#sock_dir} -gt 80 ]; then
      sock_dir=$(mktemp -d /tmp/omni-pgsock.XXXXXX)
      chown postgres:postgres "$sock_dir"
      echo "$sock_dir" >"$data_dir/omni-socket-dir"
    fi
    # 400: the end-to-end platform hosts nine services in one test process (identity joined), several platforms at once.
    opts="-h 127.0.0.1 -p $port -k '$sock_dir' -c max_connections=400"
    # Tests throw the cluster away: durability only costs time there.
    [ $fast -eq 1 ] && opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    if ! _omni_pg pg_ctl -D "$data_dir" -l "$log" -w -t 60 -o "$opts" start >/dev/null; then
      omni_err "PostgreSQL did not start; last lines of $log:"
      tail -n 20 "$log" >&2
      return 1
    fi
  fi
  export OMNI_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  omni_log "PostgreSQL ready on 127.0.0.1:$port (data: $data_dir)"
}

omni_stop_postgres() {
  local data_dir=${1:?usage: omni_stop_postgres DATA_DIR} pid
  data_dir=$(realpath -m "$data_dir")
  if [ -f "$data_dir/postmaster.pid" ]; then
    # "fast" rolls back open transactions and closes connections; -w waits for the exit.
    if ! _omni_pg pg_ctl -D "$data_dir" -m fast -w -t 60 stop >/dev/null 2>&1; then
      _omni_pg pg_ctl -D "$data_dir" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
    fi
    if [ -f "$data_dir/postmaster.pid" ]; then
      pid=$(head -n 1 "$data_dir/postmaster.pid" 2>/dev/null || true)
      if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        omni_log "PostgreSQL (pid $pid) did not stop; killing it"
        kill -KILL "$pid" 2>/dev/null || true
      fi
    fi
    omni_log "PostgreSQL stopped ($data_dir)"
  fi
  if [ -f "$data_dir/omni-socket-dir" ]; then
    rm -rf "$(cat "$data_dir/omni-socket-dir")" "$data_dir/omni-socket-dir"
  fi
  return 0
}

# ---------------------------------------------------------------------------------------------
# RabbitMQ
# ---------------------------------------------------------------------------------------------

# Runs a command with the environment of the broker whose data is in DATA_DIR. In a subshell,
# so that the caller's HOME and environment stay untouched.
omni_rabbit_env() {
  local data_dir=$1
  shift
  (
    set -a
    # shellcheck source=/dev/null
    . "$data_dir/rabbitmq.env"
    set +a
    exec "$@"
  )
}

omni_start_rabbitmq() {
  local data_dir=${1:?usage: omni_start_rabbitmq DATA_DIR AMQP_PORT DIST_PORT [NODE]}
  local amqp_port=${2:?AMQP_PORT} dist_port=${3:?DIST_PORT} node=${4:-} log_dir env_file i
  data_dir=$(realpath -m "$data_dir")
  log_dir=${OMNI_SERVER_LOG_DIR:+$OMNI_SERVER_LOG_DIR/rabbitmq}
  log_dir=${log_dir:-$data_dir/log}
  env_file=$data_dir/rabbitmq.env
  # Nodes on one machine share epmd, so the name must be unique per broker; derived from the data
  # folder it stays the same across restarts, which keeps the same Mnesia folder.
  [ -n "$node" ] || node="rabbit-$(printf '%s' "$data_dir" | cksum | cut -d' ' -f1)@localhost"

  mkdir -p "$data_dir/home" "$data_dir/mnesia" "$log_dir"
  [ -f "$data_dir/enabled_plugins" ] || echo '[].' >"$data_dir/enabled_plugins"
  : >"$data_dir/rabbitmq-env.conf"   # so that /etc/rabbitmq/rabbitmq-env.conf is not read

  # Everything the server and the CLI tools need to find this node. HOME holds the Erlang cookie
  # that the CLI must share with the server (the /usr/sbin wrappers would switch HOME: don't).
  {
    printf 'HOME=%q\n' "$data_dir/home"
    printf 'RABBITMQ_NODENAME=%q\n' "$node"
    printf 'RABBITMQ_NODE_IP_ADDRESS=127.0.0.1\n'
    printf 'RABBITMQ_NODE_PORT=%q\n' "$amqp_port"
    printf 'RABBITMQ_DIST_PORT=%q\n' "$dist_port"
    printf 'ERL_EPMD_ADDRESS=127.0.0.1\n'
    printf 'RABBITMQ_MNESIA_BASE=%q\n' "$data_dir/mnesia"
    printf 'RABBITMQ_LOG_BASE=%q\n' "$log_dir"
    printf 'RABBITMQ_PID_FILE=%q\n' "$data_dir/rabbitmq.pid"
    printf 'RABBITMQ_ENABLED_PLUGINS_FILE=%q\n' "$data_dir/enabled_plugins"
    printf 'RABBITMQ_CONF_ENV_FILE=%q\n' "$data_dir/rabbitmq-env.conf"
    printf 'RABBITMQ_CONFIG_FILE=%q\n' "$data_dir/rabbitmq.conf"
    printf 'RABBITMQ_ADVANCED_CONFIG_FILE=%q\n' "$data_dir/advanced.config"
    # Without this the distribution port listens on every interface.
    printf 'RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS=%q\n' '-kernel inet_dist_use_interface {127,0,0,1}'
    printf 'RABBITMQ_CTL_ERL_ARGS=%q\n' '-kernel inet_dist_use_interface {127,0,0,1}'
  } >"$env_file"

  if _omni_rabbit_running "$data_dir" &&
    omni_rabbit_env "$data_dir" "$OMNI_RABBIT_BIN/rabbitmq-diagnostics" -q ping >/dev/null 2>&1; then
    omni_log "RabbitMQ node $node already running; reusing it"
  else
    local port
    for port in "$amqp_port" "$dist_port"; do
      if omni_port_in_use "$port"; then
        omni_err "port $port is already in use: cannot start RabbitMQ there"
        return 1
      fi
    done
    # -detached: the VM forks away and closes our stdio; its output goes to RABBITMQ_LOG_BASE.
    if ! omni_rabbit_env "$data_dir" "$OMNI_RABBIT_BIN/rabbitmq-server" -detached \
      </dev/null >>"$log_dir/startup.log" 2>&1; then
      omni_err "rabbitmq-server -detached failed; see $log_dir"
      tail -n 20 "$log_dir/startup.log" >&2
      return 1
    fi
    # First wait for the node to answer at all, then for the broker to finish booting.
    for ((i = 0; i < 60; i++)); do
      omni_rabbit_env "$data_dir" "$OMNI_RABBIT_BIN/rabbitmq-diagnostics" -q ping >/dev/null 2>&1 && break
      sleep 1
    done
    if ! omni_rabbit_env "$data_dir" "$OMNI_RABBIT_BIN/rabbitmqctl" -q --timeout 60 await_startup >/dev/null 2>&1; then
      omni_err "RabbitMQ node $node did not start; last lines of its log ($log_dir):"
      tail -n 30 "$log_dir/$node.log" "$log_dir/startup.log" >&2 2>/dev/null || true
      omni_stop_rabbitmq "$data_dir"
      return 1
    fi
  fi
  export OMNI_RABBITMQ="amqp://guest:guest@127.0.0.1:$amqp_port/"
  omni_log "RabbitMQ ready on 127.0.0.1:$amqp_port (node $node, data: $data_dir)"
}

_omni_rabbit_pid() {
  local pid
  pid=$(cat "$1/rabbitmq.pid" 2>/dev/null || true)
  [ -n "$pid" ] && echo "$pid"
}

_omni_rabbit_running() {
  local pid
  pid=$(_omni_rabbit_pid "$1") && kill -0 "$pid" 2>/dev/null
}

omni_stop_rabbitmq() {
  local data_dir=${1:?usage: omni_stop_rabbitmq DATA_DIR} pid i
  data_dir=$(realpath -m "$data_dir")
  [ -f "$data_dir/rabbitmq.env" ] || return 0
  pid=$(_omni_rabbit_pid "$data_dir" || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    # Given the pid file, `rabbitmqctl stop` returns only once the Erlang VM has exited.
    omni_rabbit_env "$data_dir" "$OMNI_RABBIT_BIN/rabbitmqctl" -q --timeout 60 stop "$data_dir/rabbitmq.pid" \
      >/dev/null 2>&1 || true
    for ((i = 0; i < 50; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      [ $i -eq 20 ] && kill -TERM "$pid" 2>/dev/null   # rabbitmqctl could not reach it
      sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
      omni_log "RabbitMQ (pid $pid) did not stop; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    omni_log "RabbitMQ stopped ($data_dir)"
  fi
  rm -f "$data_dir/rabbitmq.pid"
  _omni_epmd_kill_if_unused
}

# epmd is shared by every Erlang node on the machine: stop it only when no node is registered.
# (epmd itself also refuses -kill while nodes live.)
_omni_epmd_kill_if_unused() {
  local epmd i
  epmd=$(command -v epmd 2>/dev/null || echo /usr/lib/erlang/bin/epmd)
  [ -x "$epmd" ] || return 0
  for ((i = 0; i < 10; i++)); do
    "$epmd" -names >/dev/null 2>&1 || return 0          # no epmd running
    "$epmd" -names 2>/dev/null | grep -q '^name ' || break
    sleep 0.2                                          # a node that just stopped may linger briefly
  done
  if ! "$epmd" -names 2>/dev/null | grep -q '^name '; then
    "$epmd" -kill >/dev/null 2>&1 || true
  fi
  return 0
}

# Throwaway servers for one run of the tests or a benchmark: PostgreSQL and RabbitMQ on free ports in a
# temporary folder, the OMNICHANNEL_TEST_* variables the testing library reads, and a trap that stops both
# and removes the folder however the script ends (success, error, Ctrl-C, TERM). Sets OMNI_WORK.
#   omni_throwaway_servers NAME [--fast]   NAME names the folder and the broker's node (so it can run beside
#                                          tools/run.sh's); --fast turns fsync off (tests, not benchmarks)
omni_throwaway_servers() {
  local name=$1 fast=${2:-}
  omni_throwaway_workdir "$name"

  local pg_port amqp_port dist_port
  pg_port=$(omni_free_port)
  amqp_port=$(omni_free_port "$pg_port")
  dist_port=$(omni_free_port "$pg_port" "$amqp_port")
  # shellcheck disable=SC2086  # $fast is empty or one word
  omni_start_postgres "$OMNI_WORK/postgres" "$pg_port" $fast
  omni_start_rabbitmq "$OMNI_WORK/rabbitmq" "$amqp_port" "$dist_port" "rabbit-$name-$$@localhost"

  export OMNICHANNEL_TEST_POSTGRES="$OMNI_POSTGRES"
  export OMNICHANNEL_TEST_RABBITMQ="$OMNI_RABBITMQ"
  OMNICHANNEL_TEST_RABBITMQ_CTL=$(omni_rabbitmq_ctl_command "$OMNI_WORK/rabbitmq")
  export OMNICHANNEL_TEST_RABBITMQ_CTL
}

# OMNICHANNEL_TEST_RABBITMQ_CTL's value for the broker with its data in DATA_DIR: "<rabbitmq-ctl.sh> DATA_DIR".
omni_rabbitmq_ctl_command() {
  local ctl
  ctl=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/rabbitmq-ctl.sh
  if [[ $ctl =~ [[:space:]] ]]; then
    # The testing library splits the command on spaces: give it a path without any.
    ln -sf "$ctl" "$OMNI_WORK/rabbitmq-ctl.sh"
    ctl=$OMNI_WORK/rabbitmq-ctl.sh
  fi
  echo "$ctl $1"
}

# The temporary folder alone (OMNI_WORK) and the trap that, however the script ends, stops the background jobs
# named in OMNI_BACKGROUND_JOBS and every server started under OMNI_WORK, then removes the folder.
#   omni_throwaway_workdir NAME
omni_throwaway_workdir() {
  OMNI_WORK=$(mktemp -d "${TMPDIR:-/tmp}/omni-$1.XXXXXX")
  chmod 711 "$OMNI_WORK"   # user postgres must traverse it to reach its data folder
  OMNI_BACKGROUND_JOBS=()
  trap omni_throwaway_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

# Runs a command in the background in a process group of its own (job control on for just that fork), its pid in
# OMNI_BACKGROUND_JOBS for the trap and in OMNI_LAST_JOB for the caller's wait. Redirections given to the call apply.
#   omni_background COMMAND [ARGS...]
omni_background() {
  set -m
  "$@" &
  OMNI_LAST_JOB=$!
  set +m
  OMNI_BACKGROUND_JOBS+=("$OMNI_LAST_JOB")
}

# Ends the background jobs that omni_background started, each with its process group: a test host's children go too.
omni_stop_background_jobs() {
  local pid
  for pid in "${OMNI_BACKGROUND_JOBS[@]:-}"; do
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || continue
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${OMNI_BACKGROUND_JOBS[@]:-}"; do
    [ -n "$pid" ] || continue
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  OMNI_BACKGROUND_JOBS=()
}

# Stops the throwaway servers early (e.g. so a summary is the last line printed); the trap does it anyway.
omni_throwaway_stop() {
  omni_stop_background_jobs
  # Sets of servers started in sub-folders (tools/lib/test-lanes.sh: one set per lane)
  local set
  for set in "$OMNI_WORK"/*/; do
    set=${set%/}
    [ -d "$set/postgres" ] || [ -d "$set/rabbitmq" ] || continue
    if declare -F omni_stop_smtp4dev >/dev/null; then omni_stop_smtp4dev "$set/smtp4dev" || true; fi
    if declare -F omni_stop_s3rver >/dev/null; then omni_stop_s3rver "$set/s3rver" || true; fi
    omni_stop_postgres "$set/postgres" || true
    omni_stop_rabbitmq "$set/rabbitmq" || true
  done
  # smtp4dev, when the script started one (tools/lib/smtp4dev.sh)
  if [ -n "${OMNI_SMTP4DEV_DIR:-}" ]; then omni_stop_smtp4dev "$OMNI_SMTP4DEV_DIR" || true; fi
  # s3rver, when the script started one (tools/lib/s3rver.sh)
  if [ -n "${OMNI_S3RVER_DIR:-}" ]; then omni_stop_s3rver "$OMNI_S3RVER_DIR" || true; fi
  omni_stop_postgres "$OMNI_WORK/postgres" || true
  omni_stop_rabbitmq "$OMNI_WORK/rabbitmq" || true
}

omni_throwaway_cleanup() {
  local rc=$?
  set +e             # clean up as much as possible, whatever fails
  trap '' INT TERM   # a second Ctrl-C must not leave the servers behind
  trap - EXIT
  omni_throwaway_stop
  rm -rf "$OMNI_WORK"
  # On CI nothing may outlive the run: stop the MSBuild/Roslyn build servers dotnet left behind.
  if [ "${CI:-}" = true ]; then dotnet build-server shutdown >/dev/null 2>&1 || true; fi
  exit "$rc"
}
