#!/usr/bin/env bash
# Makes sure the system packages ketaplan needs are present: the ncursesw headers (to
# build the terminal UI) and tmux (for the end-to-end tests). Installs them with apt-get
# when run as root; otherwise says exactly what to install.
set -euo pipefail

if ! command -v swift >/dev/null 2>&1; then
  echo "ketaplan needs Swift 6 (swift not found on PATH): install a Swift 6 toolchain from swift.org, then run this again." >&2
  exit 1
fi

missing=()
[ -f /usr/include/ncursesw/curses.h ] || missing+=(libncursesw5-dev)
if [ "${1:-}" = "--with-tmux" ]; then
  command -v tmux >/dev/null 2>&1 || missing+=(tmux)
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq "${missing[@]}" >&2
else
  echo "ketaplan needs these system packages: ${missing[*]}" >&2
  echo "Install them with:  sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
