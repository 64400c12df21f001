# shellcheck shell=bash
# Test assemblies side by side for tools/test.sh. Each lane has a whole set of throwaway servers of its own
# (PostgreSQL, RabbitMQ, smtp4dev, s3rver), so what a test does to its servers on purpose — BuildingBlocks' outbox
# tests stop their broker and block its publishers — reaches no other lane, and runs one test assembly at a time,
# taking the next from one queue (longest first), so that lanes end close together. Sourced after servers.sh,
# smtp4dev.sh and s3rver.sh, once omni_throwaway_workdir has made OMNI_WORK.
#
#   omni_lane_servers LANE              starts lane LANE's servers under $OMNI_WORK/laneLANE; writes its env file
#   omni_lane_queue FILE PROJECT...     writes the queue
#   omni_lane_run LANE QUEUE RESULTS LOGS [dotnet test arguments...]
#                                       runs assemblies from QUEUE until it is empty; each one's output goes to
#                                       LOGS/NAME.log, printed whole when it ends; LOGS/NAME.time gets
#                                       "lane exit wall-seconds cpu-seconds"
#   omni_lane_report LOGS               a table of the assemblies: lane, exit code, wall and CPU time

# Starts the servers of lane LANE (sequentially: a few seconds each, while the solution builds) and writes
# $OMNI_WORK/laneLANE/env, the OMNICHANNEL_TEST_* variables of tools/test.sh's header for that lane.
omni_lane_servers() {
  local lane=$1 dir=$OMNI_WORK/lane$1
  mkdir -p "$dir"
  (
    set -e
    local pg_port amqp_port dist_port smtp_port imap_port web_port s3_port
    pg_port=$(omni_free_port)
    amqp_port=$(omni_free_port "$pg_port")
    dist_port=$(omni_free_port "$pg_port" "$amqp_port")
    smtp_port=$(omni_free_port "$pg_port" "$amqp_port" "$dist_port")
    imap_port=$(omni_free_port "$pg_port" "$amqp_port" "$dist_port" "$smtp_port")
    web_port=$(omni_free_port "$pg_port" "$amqp_port" "$dist_port" "$smtp_port" "$imap_port")
    s3_port=$(omni_free_port "$pg_port" "$amqp_port" "$dist_port" "$smtp_port" "$imap_port" "$web_port")

    omni_start_postgres "$dir/postgres" "$pg_port" --fast
    omni_start_rabbitmq "$dir/rabbitmq" "$amqp_port" "$dist_port" "rabbit-test-$$-lane$lane@localhost"

    # E-mail: one smtp4dev, with mailboxes council01..council16 (mail to *@councilNN.test; IMAP user councilNN) that
    # test fixtures take one each (tests/Omnichannel.Testing/TestMailServer.cs).
    local password slots=() n
    password=$(omni_random_base64 18)
    for n in $(seq -w 1 16); do slots+=("council$n=*@council$n.test"); done
    OMNI_SMTP4DEV_PASSWORD=$password omni_start_smtp4dev "$ROOT" "$dir/smtp4dev" "$smtp_port" "$imap_port" "$web_port" "${slots[@]}"
    # S3-compatible object storage (the incidents' attachments by configuration): fixtures create their own buckets;
    # s3rver takes any request signed with its fixed key pair.
    omni_start_s3rver "$ROOT" "$dir/s3rver" "$s3_port"

    {
      printf 'export OMNICHANNEL_TEST_POSTGRES=%q\n' "$OMNI_POSTGRES"
      printf 'export OMNICHANNEL_TEST_RABBITMQ=%q\n' "$OMNI_RABBITMQ"
      printf 'export OMNICHANNEL_TEST_RABBITMQ_CTL=%q\n' "$(omni_rabbitmq_ctl_command "$dir/rabbitmq")"
      printf 'export OMNICHANNEL_TEST_MAIL=%q\n' "smtp=$smtp_port;imap=$imap_port;api=http://127.0.0.1:$web_port;mailboxes=16;password=$password"
      printf 'export OMNICHANNEL_TEST_S3=%q\n' "serviceUrl=http://127.0.0.1:$s3_port;accessKey=S3RVER;secretKey=S3RVER"
    } >"$dir/env"
    omni_log "lane $lane: OMNICHANNEL_TEST_POSTGRES=$OMNI_POSTGRES"
    omni_log "lane $lane: OMNICHANNEL_TEST_RABBITMQ=$OMNI_RABBITMQ"
    omni_log "lane $lane: OMNICHANNEL_TEST_MAIL=smtp=$smtp_port;imap=$imap_port;api=http://127.0.0.1:$web_port;mailboxes=16"
    omni_log "lane $lane: OMNICHANNEL_TEST_S3=serviceUrl=http://127.0.0.1:$s3_port"
  )
}

omni_lane_queue() {
  local file=$1
  shift
  printf '%s\n' "$@" >"$file"
}

# The next project of QUEUE (empty when none is left), taken under a lock: lanes share the file.
_omni_lane_take() {
  local queue=$1
  (
    flock 9
    head -n 1 "$queue"
    sed -i 1d "$queue"
  ) 9>"$queue.lock"
}

omni_lane_run() {
  local lane=$1 queue=$2 results=$3 logs=$4
  shift 4
  local project name start rc cpu
  while project=$(_omni_lane_take "$queue") && [ -n "$project" ]; do
    name=$(basename "$project" .csproj)
    start=$(date +%s)
    rc=0
    (
      # shellcheck source=/dev/null
      . "$OMNI_WORK/lane$lane/env"
      r=0
      # `time`'s user and system seconds (dotnet test and the test host it waited for) to NAME.cpu.
      exec 4>&2
      TIMEFORMAT='%U %S'
      # A test that hangs is ended after 10 minutes and named (blame), instead of holding CI to its limit.
      { time dotnet test "$project" -c Release --no-build \
        --blame-hang-timeout 10m --blame-hang-dump-type none \
        --logger "trx;LogFileName=$name.trx" \
        --results-directory "$results" \
        "$@" 2>&4 || r=$?; } 2>"$logs/$name.cpu"
      exit $r
    ) </dev/null >"$logs/$name.log" 2>&1 || rc=$?
    cpu=$(awk 'NF >= 2 { s = $1 + $2 } END { printf "%d", s }' "$logs/$name.cpu" 2>/dev/null || echo "?")
    echo "$lane $rc $(($(date +%s) - start)) ${cpu:-?}" >"$logs/$name.time"
    # One assembly's output at a time, whole, so that lanes' lines never interleave.
    (
      flock 9
      printf '\n=== %s (lane %s, %s, exit %s) ===\n' "$name" "$lane" "$(_omni_lane_duration "$(($(date +%s) - start))")" "$rc"
      cat "$logs/$name.log"
    ) 9>"$logs/print.lock"
  done
}

_omni_lane_duration() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

omni_lane_report() {
  local logs=$1 file name lane rc wall cpu
  compgen -G "$logs/*.time" >/dev/null || return 0
  echo
  echo "Test assemblies (lane, exit code, wall time, CPU time of dotnet test and its test host):"
  for file in "$logs"/*.time; do
    [ -f "$file" ] || continue
    name=$(basename "$file" .time)
    read -r lane rc wall cpu <"$file"
    printf '  %-40s lane %s  exit %-3s %8s  cpu %s\n' "$name" "$lane" "$rc" "$(_omni_lane_duration "$wall")" \
      "$([ "$cpu" = "?" ] && echo "?" || _omni_lane_duration "$cpu")"
  done
}
