#!/usr/bin/env bash
# Runs rabbitmqctl against the broker that omni_start_rabbitmq started with its data in DATA_DIR.
#
#   tools/lib/rabbitmq-ctl.sh DATA_DIR COMMAND [ARGS...]
#   e.g. tools/lib/rabbitmq-ctl.sh /tmp/omni-test.abc/rabbitmq stop_app
#
# Tests get "<this script> <DATA_DIR>" in OMNICHANNEL_TEST_RABBITMQ_CTL and append stop_app or
# start_app to simulate a broker outage. start_app returns only once the broker accepts AMQP
# connections again, so a test can rely on it being back.
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 DATA_DIR COMMAND [ARGS...]" >&2
  exit 2
fi
data_dir=$1
shift
env_file=$data_dir/rabbitmq.env
if [ ! -f "$env_file" ]; then
  echo "$0: $env_file not found: no broker was started with data in $data_dir" >&2
  exit 2
fi

# The env file holds HOME (the Erlang cookie), the node name and the ports of that broker.
set -a
# shellcheck source=/dev/null
. "$env_file"
set +a

ctl=/usr/lib/rabbitmq/bin/rabbitmqctl
"$ctl" "$@"

for arg in "$@"; do
  if [ "$arg" = start_app ]; then
    # start_app boots the application; wait until the broker is fully up and its AMQP listener
    # accepts connections before returning.
    "$ctl" -q --timeout 60 await_startup
    for ((i = 0; i < 150; i++)); do
      (exec 3<>"/dev/tcp/127.0.0.1/$RABBITMQ_NODE_PORT") 2>/dev/null && exit 0
      sleep 0.2
    done
    echo "$0: the broker did not accept connections on port $RABBITMQ_NODE_PORT within 30 s" >&2
    exit 1
  fi
done
