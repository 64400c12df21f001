# shellcheck shell=bash
# Small helpers shared by tools/run.sh and tools/test.sh. Sourced, never executed.

omni_log() { printf '[omni] %s\n' "$*" >&2; }
omni_err() { printf '[omni] error: %s\n' "$*" >&2; }

# The .NET SDK has no Debian package, so we can only say clearly what is missing.
omni_require_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1 && [ -x "$HOME/.dotnet/dotnet" ]; then
    export DOTNET_ROOT="$HOME/.dotnet" PATH="$HOME/.dotnet:$PATH"
  fi
  if ! command -v dotnet >/dev/null 2>&1; then
    omni_err "the .NET 10 SDK ('dotnet') is not installed or not on PATH."
    omni_err "There is no Debian package for it: install the .NET 10 SDK from Microsoft's packages"
    omni_err "(or the dotnet-install script) and make sure 'dotnet --version' prints 10.x."
    return 1
  fi
  local version
  version=$(dotnet --version 2>/dev/null || true)
  case $version in
    1[0-9].*|[2-9][0-9].*) ;;
    *) omni_err "'dotnet --version' says '${version:-nothing}'; this repository needs the .NET 10 SDK."
       return 1 ;;
  esac
}

# N random bytes, base64 on one line (openssl when present, else the kernel's generator).
omni_random_base64() {
  local bytes=${1:-48}
  if command -v openssl >/dev/null 2>&1; then
    openssl rand -base64 "$bytes" | tr -d '\n'
  else
    head -c "$bytes" /dev/urandom | base64 -w0
  fi
}

# True when something listens on 127.0.0.1:PORT (or on all interfaces).
omni_port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Wait until 127.0.0.1:PORT accepts TCP connections, at most SECONDS (default 30).
omni_wait_port() {
  local port=$1 seconds=${2:-30} i
  for ((i = 0; i < seconds * 5; i++)); do
    omni_port_in_use "$port" && return 0
    sleep 0.2
  done
  return 1
}

# Stops the process whose id is in PIDFILE: TERM, up to 10 s to exit, then KILL; the file is removed.
omni_stop_pidfile() {
  local pidfile=$1 pid t
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((t = 0; t < 50; t++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}
