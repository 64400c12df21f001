# shellcheck shell=bash
# Debian's Chromium for the staff console's browser tests (tests/Omnichannel.Console.Tests, Microsoft.Playwright
# driving /usr/bin/chromium headless): installed from the Debian archive when missing, never a browser download.
#   omni_install_chromium        apt-get install chromium when /usr/bin/chromium is missing
omni_install_chromium() {
  [ -x /usr/bin/chromium ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    omni_err "missing /usr/bin/chromium; run as root (or: apt-get install -y chromium)"
    return 1
  fi
  omni_log "installing chromium from the Debian archive (for the console's browser tests)"
  DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null
}
