# shellcheck shell=bash
# Sourced by bin/test and bench/run: installs the named Debian packages quietly.
# apt-get update runs once, and only when something is to be installed.

install_debian_packages() {
  [ $# -gt 0 ] || return 0
  if [ "$(id -u)" -ne 0 ]; then
    printf 'missing Debian packages: %s (install them as root)\n' "$*" >&2
    return 1
  fi
  printf 'installing Debian packages: %s\n' "$*" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
