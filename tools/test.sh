#!/usr/bin/env bash
# Runs every test of the solution against throwaway real servers (PostgreSQL, RabbitMQ, smtp4dev, s3rver), the Helm
# chart checks beside them, and prints one summary line last: "Tests: N passed, M failed, K skipped".
#
#   tools/test.sh [dotnet test arguments...]      e.g. tools/test.sh --filter "FullyQualifiedName~Citizens"
#
# The solution builds while the servers start. Then the test assemblies run one after the other, longest first, or in
# lanes side by side with OMNI_TEST_LANES=N (default 1: on 2 cores two lanes took longer than one, 2026-12-01: the
# console's browser tests 17m46s beside the end-to-end ones' 13m51s, against 10m33s + 5m19s in one lane); each lane has
# its own servers (tools/lib/test-lanes.sh), since some tests stop their broker on purpose. Each assembly's output is printed
# whole when it ends, with its lane and time; a table of every assembly's wall and CPU time comes before the summary.
# The arguments go to each assembly's dotnet test.
#
# Tests receive (each lane its own):
#   OMNICHANNEL_TEST_POSTGRES       Npgsql connection string (database "postgres", user postgres, trust auth)
#   OMNICHANNEL_TEST_RABBITMQ       amqp://guest:guest@127.0.0.1:PORT/
#   OMNICHANNEL_TEST_RABBITMQ_CTL   "<tools/lib/rabbitmq-ctl.sh> <broker data dir>": append stop_app / start_app
#   OMNICHANNEL_TEST_MAIL           "smtp=PORT;imap=PORT;api=URL;mailboxes=16;password=…": the smtp4dev started here
#   OMNICHANNEL_TEST_S3             "serviceUrl=http://127.0.0.1:PORT;accessKey=…;secretKey=…": the s3rver started here
# Set OMNI_SKIP_CHART_CHECK=1 to skip the chart checks.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
# shellcheck source=tools/lib/servers.sh
. "$ROOT/tools/lib/servers.sh"
# shellcheck source=tools/lib/smtp4dev.sh
. "$ROOT/tools/lib/smtp4dev.sh"
# shellcheck source=tools/lib/s3rver.sh
. "$ROOT/tools/lib/s3rver.sh"
# shellcheck source=tools/lib/chromium.sh
. "$ROOT/tools/lib/chromium.sh"
# shellcheck source=tools/lib/test-lanes.sh
. "$ROOT/tools/lib/test-lanes.sh"

# Assemblies known to take long go first, so that the lanes end close together; the rest follow (a new assembly
# right after these, as if long).
OMNI_TEST_ORDER=(Console EndToEnd Messaging Appointments BuildingBlocks Incidents Identity Kiosks Queues Analysts
  Procedures Citizens)
LANES=${OMNI_TEST_LANES:-1}
case $LANES in ''|*[!0-9]*|0) omni_err "OMNI_TEST_LANES must be a number from 1 (got '$LANES')"; exit 2 ;; esac

omni_prepare_machine
omni_throwaway_workdir test

SOLUTION=
for candidate in Omnichannel.sln Omnichannel.slnx; do
  if [ -f "$candidate" ]; then SOLUTION=$candidate; break; fi
done
LOGS=$OMNI_WORK/logs
mkdir -p "$LOGS"

# Build the whole solution (dotnet test alone only builds what test projects reference) while the tools are
# installed and the servers start: the build has the CPU, they mostly wait.
build_pid=
if [ -n "$SOLUTION" ]; then
  omni_background dotnet build "$SOLUTION" -c Release </dev/null >"$LOGS/build.log" 2>&1
  build_pid=$OMNI_LAST_JOB
fi

omni_install_smtp4dev "$ROOT"
omni_install_s3rver "$ROOT"
omni_install_chromium
for lane in $(seq 1 "$LANES"); do omni_lane_servers "$lane"; done
servers_ready=$SECONDS

# Results of this run only: the summary below adds up these trx files.
RESULTS=$ROOT/TestResults
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

test_rc=0
chart_pid=
if [ -z "$SOLUTION" ]; then
  omni_err "no Omnichannel.sln at $ROOT: nothing to test"
  test_rc=1
else
  build_rc=0
  wait "$build_pid" || build_rc=$?
  cat "$LOGS/build.log"
  omni_log "tools and servers ready after $(_omni_lane_duration "$servers_ready"), the solution built after $(_omni_lane_duration "$SECONDS")"
  tests_start=$SECONDS
  if [ $build_rc -ne 0 ]; then
    omni_err "the solution does not build; no test was run"
    test_rc=1
  else
    # The chart checks beside the tests (a few seconds of CPU); their output is printed after the tests'.
    if [ "${OMNI_SKIP_CHART_CHECK:-}" != 1 ] && [ -f tools/chart/check.sh ]; then
      omni_background bash tools/chart/check.sh </dev/null >"$LOGS/chart.log" 2>&1
      chart_pid=$OMNI_LAST_JOB
    fi
    # The solution's test projects, in OMNI_TEST_ORDER's order.
    mapfile -t projects < <(dotnet sln "$SOLUTION" list | tr '\\' '/' | grep '\.csproj$' |
      while read -r p; do grep -q '<IsTestProject>true</IsTestProject>' "$p" && echo "$p"; done)
    ordered=()
    for short in "${OMNI_TEST_ORDER[@]:0:3}" "*" "${OMNI_TEST_ORDER[@]:3}"; do
      for p in "${projects[@]}"; do
        name=$(basename "$p" .csproj)
        listed=0
        for known in "${OMNI_TEST_ORDER[@]}"; do [ "$name" = "Omnichannel.$known.Tests" ] && listed=1; done
        if { [ "$short" = "*" ] && [ $listed -eq 0 ]; } || [ "$name" = "Omnichannel.$short.Tests" ]; then ordered+=("$p"); fi
      done
    done
    omni_lane_queue "$LOGS/queue" "${ordered[@]}"
    omni_log "${#ordered[@]} test assemblies in $LANES lane(s), each with its own servers"
    lane_pids=()
    for lane in $(seq 1 "$LANES"); do
      omni_background omni_lane_run "$lane" "$LOGS/queue" "$RESULTS" "$LOGS" "$@"
      lane_pids+=("$OMNI_LAST_JOB")
    done
    for pid in "${lane_pids[@]}"; do wait "$pid" || test_rc=1; done
    omni_log "test assemblies ran for $(_omni_lane_duration $((SECONDS - tests_start)))"
    for file in "$LOGS"/*.time; do
      [ -f "$file" ] || continue
      read -r _ rc _ _ <"$file"
      [ "$rc" = 0 ] || test_rc=1
    done
    # An assembly that no lane finished (a lane that died) fails the run too.
    if [ -s "$LOGS/queue" ]; then omni_err "not run: $(tr '\n' ' ' <"$LOGS/queue")"; test_rc=1; fi
  fi
fi

chart_rc=0
if [ "${OMNI_SKIP_CHART_CHECK:-}" = 1 ]; then
  echo "Chart check: skipped (OMNI_SKIP_CHART_CHECK=1)"
elif [ ! -f tools/chart/check.sh ]; then
  echo "Chart check: tools/chart/check.sh does not exist yet; not run"
else
  echo
  if [ -n "$chart_pid" ]; then
    wait "$chart_pid" || chart_rc=$?
    cat "$LOGS/chart.log"
  else
    bash tools/chart/check.sh || chart_rc=$?
  fi
  if [ $chart_rc -eq 0 ]; then echo "Chart check: passed"; else echo "Chart check: FAILED (exit $chart_rc)"; fi
fi
omni_lane_report "$LOGS"
omni_log "tools/test.sh took $(_omni_lane_duration "$SECONDS")"

# One line of our own over every trx file: a trx file has one UnitTestResult per test case run.
summary() {
  if command -v python3 >/dev/null 2>&1; then
    python3 - "$RESULTS" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError:
        failed += 1  # a half-written trx means a crashed run
        continue
    for result in root.iter():
        if not result.tag.endswith("}UnitTestResult"):
            continue
        outcome = result.get("outcome", "")
        if outcome == "Passed":
            passed += 1
        elif outcome in ("NotExecuted", "Inconclusive", "NotRunnable", "Pending"):
            skipped += 1
        else:  # Failed, Error, Timeout, Aborted, ...
            failed += 1
    # An error outside any test (a fixture's clean-up, a crashed host) fails dotnet test without a failed result:
    # counted here, so the line agrees with the exit code.
    for info in root.iter():
        if info.tag.endswith("}RunInfo") and info.get("outcome") == "Error":
            text = "".join(t.text or "" for t in info.iter() if t.tag.endswith("}Text")).strip().splitlines()
            # xUnit also echoes each failed test on stderr ("… [FAIL]"): that test is counted above already.
            if text and text[0].rstrip().endswith("[FAIL]"):
                continue
            failed += 1
            print("run error: " + (text[0] if text else "(no text)"))
print(f"Tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
  else
    local outcomes
    outcomes=$(cat "$RESULTS"/*.trx 2>/dev/null | grep -o '<UnitTestResult [^>]*' | grep -o 'outcome="[A-Za-z]*"' || true)
    local p f s
    p=$(grep -c '"Passed"' <<<"$outcomes" || true)
    s=$(grep -cE '"(NotExecuted|Inconclusive|NotRunnable|Pending)"' <<<"$outcomes" || true)
    f=$(grep -cvE '"(Passed|NotExecuted|Inconclusive|NotRunnable|Pending)"|^$' <<<"$outcomes" || true)
    echo "Tests: $p passed, $f failed, $s skipped"
  fi
}
# Stop the servers now (the trap would do it too) so that the summary is the last line printed.
omni_throwaway_stop
echo
summary

if [ $test_rc -ne 0 ] || [ $chart_rc -ne 0 ]; then
  exit 1
fi
