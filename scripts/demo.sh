#!/usr/bin/env bash
# Sets up and runs ketaplan on its built-in demo clinic: builds it, then opens the
# full-screen program on a fictional demo clinic in a fresh temporary folder
# (`ketaplan --demo`). Press ? on any screen for its keys, q on the overview to quit.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/system-packages.sh
swift build -c release --product ketaplan >&2
exec .build/release/ketaplan --demo "$@"
