#!/usr/bin/env bash
# Runs the whole test suite: unit and property tests of every module, the end-to-end
# tests that drive the real binary, the independent FHIR validator on the demo clinic's
# export, and a bounded fuzzing run over the store's loaders (FUZZ_SECONDS, default 60).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/system-packages.sh --with-tmux --with-printing
swift build --build-tests
swift test --skip-build
./scripts/check-fhir.sh
./scripts/fuzz.sh
