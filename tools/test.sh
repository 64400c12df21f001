#!/usr/bin/env bash
# Runs every test of the solution against a throwaway real PostgreSQL, RabbitMQ and smtp4dev, then the Helm
# chart checks, and prints one summary line: "Tests: N passed, M failed, K skipped".
#
#   tools/test.sh [dotnet test arguments...]      e.g. tools/test.sh --filter "FullyQualifiedName~Citizens"
#
# Tests receive:
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

omni_prepare_machine
omni_install_smtp4dev "$ROOT"
omni_install_s3rver "$ROOT"
omni_install_chromium

omni_throwaway_servers test --fast
omni_log "OMNICHANNEL_TEST_POSTGRES=$OMNICHANNEL_TEST_POSTGRES"
omni_log "OMNICHANNEL_TEST_RABBITMQ=$OMNICHANNEL_TEST_RABBITMQ"
omni_log "OMNICHANNEL_TEST_RABBITMQ_CTL=$OMNICHANNEL_TEST_RABBITMQ_CTL"

# E-mail: one smtp4dev, with mailboxes council01..council16 (mail to *@councilNN.test; IMAP user councilNN) that
# test fixtures take one each (tests/Omnichannel.Testing/TestMailServer.cs), stopped with the other servers.
OMNI_SMTP4DEV_DIR=$OMNI_WORK/smtp4dev
smtp_port=$(omni_free_port)
imap_port=$(omni_free_port "$smtp_port")
web_port=$(omni_free_port "$smtp_port" "$imap_port")
export OMNI_SMTP4DEV_PASSWORD
OMNI_SMTP4DEV_PASSWORD=$(omni_random_base64 18)
slots=()
for n in $(seq -w 1 16); do slots+=("council$n=*@council$n.test"); done
omni_start_smtp4dev "$ROOT" "$OMNI_SMTP4DEV_DIR" "$smtp_port" "$imap_port" "$web_port" "${slots[@]}"
export OMNICHANNEL_TEST_MAIL="smtp=$smtp_port;imap=$imap_port;api=http://127.0.0.1:$web_port;mailboxes=16;password=$OMNI_SMTP4DEV_PASSWORD"
omni_log "OMNICHANNEL_TEST_MAIL=smtp=$smtp_port;imap=$imap_port;api=http://127.0.0.1:$web_port;mailboxes=16"

# S3-compatible object storage (the incidents' attachments by configuration): one s3rver over a throwaway directory;
# fixtures create their own buckets. s3rver takes any request signed with its fixed key pair.
OMNI_S3RVER_DIR=$OMNI_WORK/s3rver
s3_port=$(omni_free_port "$smtp_port" "$imap_port" "$web_port")
omni_start_s3rver "$ROOT" "$OMNI_S3RVER_DIR" "$s3_port"
export OMNICHANNEL_TEST_S3="serviceUrl=http://127.0.0.1:$s3_port;accessKey=S3RVER;secretKey=S3RVER"
omni_log "OMNICHANNEL_TEST_S3=serviceUrl=http://127.0.0.1:$s3_port"

# Results of this run only: the summary below adds up these trx files.
RESULTS=$ROOT/TestResults
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

SOLUTION=
for candidate in Omnichannel.sln Omnichannel.slnx; do
  if [ -f "$candidate" ]; then SOLUTION=$candidate; break; fi
done

test_rc=0
if [ -z "$SOLUTION" ]; then
  omni_err "no Omnichannel.sln at $ROOT: nothing to test"
  test_rc=1
else
  # Build the whole solution first: dotnet test alone only builds what test projects reference.
  if dotnet build "$SOLUTION" -c Release; then
    # One test assembly at a time (-m:1): the outbox test stops the shared broker on purpose, and
    # other assemblies' tests must not be running against it then.
    # A test that hangs is ended after 10 minutes and named (blame), instead of holding CI to its limit.
    dotnet test "$SOLUTION" -c Release --no-build -m:1 \
      --blame-hang-timeout 10m --blame-hang-dump-type none \
      --logger "trx;LogFilePrefix=results" \
      --results-directory "$RESULTS" \
      "$@" || test_rc=$?
  else
    omni_err "the solution does not build; no test was run"
    test_rc=1
  fi
fi

chart_rc=0
if [ "${OMNI_SKIP_CHART_CHECK:-}" = 1 ]; then
  echo "Chart check: skipped (OMNI_SKIP_CHART_CHECK=1)"
elif [ -f tools/chart/check.sh ]; then
  bash tools/chart/check.sh || chart_rc=$?
  if [ $chart_rc -eq 0 ]; then echo "Chart check: passed"; else echo "Chart check: FAILED (exit $chart_rc)"; fi
else
  echo "Chart check: tools/chart/check.sh does not exist yet; not run"
fi

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
