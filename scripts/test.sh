#!/usr/bin/env bash
# Runs the whole test suite: unit and property tests of every module, and the
# end-to-end tests that drive the real binary.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/system-packages.sh --with-tmux --with-printing
swift build --build-tests
swift test --skip-build
