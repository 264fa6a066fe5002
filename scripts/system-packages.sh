#!/usr/bin/env bash
# Makes sure the system packages ketaplan needs are present: the ncursesw headers (to
# build the terminal UI), tmux (for the end-to-end tests) and, for the printing tests,
# CUPS with a PDF printer and poppler's PDF tools. Installs them with apt-get when run as
# root; otherwise says exactly what to install.
#
#   --with-tmux      the end-to-end tests need tmux (missing: stop), and the shared-clinic
#                    test useradd/groupadd (passwd) and runuser (util-linux) as root
#                    (missing or not root: that test skips, saying so)
#   --with-printing  the printing tests need cups, cups-bsd, printer-driver-cups-pdf,
#                    poppler-utils, fontconfig, fonts-dejavu-core and fonts-arphic-uming
#                    (the fonts CUPS's text filter prints Latin and Chinese or Japanese
#                    names with) (missing and not root: those tests skip,
#                    saying so, and the rest run)
#   --with-bench     ketaplan-bench's screen passes need tmux (missing: stop), and its
#                    day rollover pass libfaketime (missing and not root: that pass
#                    is skipped, saying so)
set -euo pipefail

if ! command -v swift >/dev/null 2>&1; then
  echo "ketaplan needs Swift 6 (swift not found on PATH): install a Swift 6 toolchain from swift.org, then run this again." >&2
  exit 1
fi

missing=()
optional=()
[ -f /usr/include/ncursesw/curses.h ] || missing+=(libncursesw5-dev)
for arg in "$@"; do
  case "$arg" in
    --with-tmux)
      command -v tmux >/dev/null 2>&1 || missing+=(tmux)
      # The shared-clinic test creates two users and a group (as root) and runs ketaplan
      # as each: useradd/groupadd come with passwd, runuser with util-linux.
      [ -x /usr/sbin/useradd ] || optional+=(passwd)
      [ -x /usr/sbin/runuser ] || optional+=(util-linux) ;;
    --with-printing)
      [ -x /usr/sbin/cupsd ] || optional+=(cups)
      [ -x /usr/bin/lpr ] || optional+=(cups-bsd)
      [ -x /usr/lib/cups/backend/cups-pdf ] || optional+=(printer-driver-cups-pdf)
      [ -x /usr/bin/pdftotext ] || optional+=(poppler-utils)
      [ -x /usr/bin/fc-match ] || optional+=(fontconfig)
      [ -f /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf ] || optional+=(fonts-dejavu-core)
      [ -f /usr/share/fonts/truetype/arphic/uming.ttc ] || optional+=(fonts-arphic-uming) ;;
    --with-bench)
      command -v tmux >/dev/null 2>&1 || missing+=(tmux)
      compgen -G '/usr/lib/*/faketime/libfaketimeMT.so.1' >/dev/null || [ -f /usr/lib/faketime/libfaketimeMT.so.1 ] || optional+=(libfaketime) ;;
  esac
done

if [ ${#missing[@]} -eq 0 ] && [ ${#optional[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages: ${missing[*]} ${optional[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq "${missing[@]}" "${optional[@]}" >&2
  exit 0
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "ketaplan needs these system packages: ${missing[*]}" >&2
  echo "Install them with:  sudo apt-get install ${missing[*]} ${optional[*]}" >&2
  exit 1
fi
echo "The printing and shared-clinic tests (and the benchmark's day rollover) need these system packages and root; they will be skipped: ${optional[*]}" >&2
echo "Install them with:  sudo apt-get install ${optional[*]}  (and run the tests as root)" >&2
