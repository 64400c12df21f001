# shellcheck shell=bash
# A real SMTP and IMAP server on loopback for e-mail: smtp4dev (the dotnet tool Rnwood.Smtp4dev), installed into
# .local/tools when missing and run as a plain process, its messages in memory. Sourced by tools/test.sh and
# tools/run.sh after servers.sh.
#
#   omni_install_smtp4dev ROOT                                       the tool in ROOT/.local/tools (from NuGet, once)
#   omni_start_smtp4dev ROOT DIR SMTP_PORT IMAP_PORT WEB_PORT NAME=RECIPIENTS...
#                          one smtp4dev mailbox (and IMAP user of the same name) per NAME=RECIPIENTS; anything else
#                          lands in its "Default" mailbox (the web UI at http://127.0.0.1:WEB_PORT shows them all)
#   omni_stop_smtp4dev DIR

OMNI_SMTP4DEV_VERSION=3.15.0

omni_install_smtp4dev() {
  local tools=$1/.local/tools
  [ -x "$tools/smtp4dev" ] && return 0
  omni_log "installing smtp4dev $OMNI_SMTP4DEV_VERSION (dotnet tool Rnwood.Smtp4dev) into $tools"
  dotnet tool install Rnwood.Smtp4dev --version "$OMNI_SMTP4DEV_VERSION" --tool-path "$tools" >/dev/null
}

omni_start_smtp4dev() {
  local root=$1 dir=$2 smtp=$3 imap=$4 web=$5
  shift 5
  mkdir -p "$dir"
  # Mailboxes and users through smtp4dev's configuration (environment variables, as for any ASP.NET app): a user's
  # DefaultMailbox is what IMAP shows them. Mail sent by an authenticated client still goes by its recipients.
  local env=(ServerOptions__DeliverMessagesToUsersDefaultMailbox=false) i=0 spec
  for spec in "$@"; do
    env+=("ServerOptions__Mailboxes__${i}__Name=${spec%%=*}" "ServerOptions__Mailboxes__${i}__Recipients=${spec#*=}"
          "ServerOptions__Users__${i}__Username=${spec%%=*}" "ServerOptions__Users__${i}__Password=${OMNI_SMTP4DEV_PASSWORD:-smtp4dev}"
          "ServerOptions__Users__${i}__DefaultMailbox=${spec%%=*}")
    i=$((i + 1))
  done
  env "${env[@]}" setsid "$root/.local/tools/smtp4dev" --baseappdatapath="$dir" --nousersettings --db= \
    --hostname=localhost --bindaddress=127.0.0.1 --smtpport="$smtp" --imapport="$imap" --pop3port= \
    --urls="http://127.0.0.1:$web" --messagestokeep=10000 --sessionstokeep=100 \
    </dev/null >"${OMNI_SERVER_LOG_DIR:-$dir}/smtp4dev.log" 2>&1 &
  echo $! >"$dir/smtp4dev.pid"
  local t
  for ((t = 0; t < 120; t++)); do
    if curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$web/api/messages" 2>/dev/null && omni_port_in_use "$imap"; then
      omni_log "smtp4dev ready: SMTP 127.0.0.1:$smtp, IMAP 127.0.0.1:$imap, web http://127.0.0.1:$web"
      return 0
    fi
    if ! kill -0 "$(cat "$dir/smtp4dev.pid")" 2>/dev/null; then break; fi
    sleep 0.5
  done
  omni_err "smtp4dev did not start; last lines of its log:"
  tail -n 20 "${OMNI_SERVER_LOG_DIR:-$dir}/smtp4dev.log" >&2
  return 1
}

omni_stop_smtp4dev() { omni_stop_pidfile "$1/smtp4dev.pid"; }
