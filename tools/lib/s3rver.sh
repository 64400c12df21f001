# shellcheck shell=bash
# A real S3-compatible server on loopback for the incidents' attachments store: s3rver (the npm package, an S3 API in
# Node; Debian packages no S3 server), installed into .local/s3rver when missing and run as a plain process over a
# throwaway directory. Sourced by tools/test.sh after servers.sh. Tests create the buckets they use.
#
#   omni_install_s3rver ROOT              node and npm from Debian when missing, s3rver into ROOT/.local/s3rver (once)
#   omni_start_s3rver ROOT DIR PORT       s3rver on 127.0.0.1:PORT, its objects under DIR/data (credentials S3RVER/S3RVER)
#   omni_stop_s3rver DIR

OMNI_S3RVER_VERSION=3.7.1

omni_install_s3rver() {
  local root=$1
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then
      omni_err "missing node/npm; run as root (or: apt-get install -y nodejs npm)"
      return 1
    fi
    omni_log "installing nodejs and npm from the Debian archive (for s3rver)"
    DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm >/dev/null
  fi
  [ -f "$root/.local/s3rver/node_modules/s3rver/bin/s3rver.js" ] && return 0
  omni_log "installing s3rver $OMNI_S3RVER_VERSION (npm) into $root/.local/s3rver"
  mkdir -p "$root/.local/s3rver"
  npm install --prefix "$root/.local/s3rver" --no-audit --no-fund "s3rver@$OMNI_S3RVER_VERSION" >/dev/null
}

omni_start_s3rver() {
  local root=$1 dir=$2 port=$3
  mkdir -p "$dir/data"
  setsid node "$root/.local/s3rver/node_modules/s3rver/bin/s3rver.js" --directory "$dir/data" --address 127.0.0.1 \
    --port "$port" --silent --no-vhost-buckets \
    </dev/null >"${OMNI_SERVER_LOG_DIR:-$dir}/s3rver.log" 2>&1 &
  echo $! >"$dir/s3rver.pid"
  local t
  for ((t = 0; t < 60; t++)); do
    # Any answer of the S3 API (403 to an unsigned request) means it listens.
    if curl -sS -o /dev/null --max-time 2 "http://127.0.0.1:$port/" 2>/dev/null; then
      omni_log "s3rver ready: http://127.0.0.1:$port"
      return 0
    fi
    if ! kill -0 "$(cat "$dir/s3rver.pid")" 2>/dev/null; then break; fi
    sleep 0.5
  done
  omni_err "s3rver did not start; last lines of its log:"
  tail -n 20 "${OMNI_SERVER_LOG_DIR:-$dir}/s3rver.log" >&2
  return 1
}

omni_stop_s3rver() { omni_stop_pidfile "$1/s3rver.pid"; }
