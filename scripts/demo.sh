#!/usr/bin/env bash
# Sets up and runs ketaplan on its built-in demo clinic: builds it, writes a fictional
# demo clinic into a fresh temporary data folder, and shows it. Arguments, if any, are
# passed to ketaplan with that data folder (e.g. ./scripts/demo.sh plan show P-0003).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/system-packages.sh
swift build -c release --product ketaplan >&2
bin=.build/release/ketaplan
data="${KETAPLAN_DEMO_DATA:-$(mktemp -d "${TMPDIR:-/tmp}/ketaplan-demo-XXXXXX")/data}"
if [ ! -d "$data/patients" ]; then
  "$bin" demo --data "$data"
fi
if [ $# -gt 0 ]; then
  exec "$bin" "$@" --data "$data"
fi
"$bin" clinic show --data "$data"
echo
"$bin" patients --data "$data"
echo
"$bin" plan show P-0001 --data "$data"
echo
echo "The demo clinic is in $data. Try, for example:"
echo "  $bin plan show P-0003 --data $data"
echo "  $bin session record P-0004 1 --status given --bp 128/82 --monitored 60 --data $data"
echo "  $bin score add P-0004 --instrument phq9 --score 12 --data $data"
