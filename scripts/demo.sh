#!/usr/bin/env bash
# Sets up and runs ketaplan on its built-in demo clinic.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/system-packages.sh
swift build -c release --product ketaplan
exec .build/release/ketaplan "$@"
