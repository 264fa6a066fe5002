#!/usr/bin/env bash
# Fuzzes the store's loaders (patient file, clinic file, index lines) with libFuzzer for a
# bounded time: FUZZ_SECONDS (default 60). The committed corpus (fuzz/corpus) seeds it;
# inputs the fuzzer finds go to a temporary folder, so the tree stays clean. A crash, a
# hang (one input over 10 s) or running out of memory fails the script and leaves the
# input in fuzz-findings/ to replay with `.build/debug/ketaplan-fuzz FILE`.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${FUZZ_SECONDS:-60}"
# A fixed seed and run count make the test command's run the same on every machine (a
# slower one runs a prefix of the same inputs within the time bound); FUZZ_SEED=0 lets
# libFuzzer pick a seed, for longer exploratory runs: FUZZ_SEED=0 FUZZ_RUNS=-1 FUZZ_SECONDS=600.
SEED="${FUZZ_SEED:-20261126}"
RUNS="${FUZZ_RUNS:-150000}"
swift build --product ketaplan-fuzz --scratch-path .build-fuzz \
    -Xswiftc -sanitize=fuzzer -Xswiftc -DKETAPLAN_FUZZ 2>&1 | grep -E "error|warning:|Compiling|Build complete" | tail -3
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p fuzz-findings
echo "fuzz: running the loaders' fuzzer for ${SECONDS_TO_RUN} s"
# Swift's own crash backtracer would take the signal before libFuzzer could save the
# input that caused it; libFuzzer's handler must see it.
if ! SWIFT_BACKTRACE=enable=no .build-fuzz/debug/ketaplan-fuzz "$WORK" fuzz/corpus -max_total_time="$SECONDS_TO_RUN" -seed="$SEED" -runs="$RUNS" -timeout=10 -rss_limit_mb=2048 \
        -max_len=65536 -artifact_prefix=fuzz-findings/ -print_final_stats=1 >"$WORK/log" 2>&1; then
    tail -40 "$WORK/log"
    echo "fuzz: FAILED: a loader crashed or hung; the input is in fuzz-findings/"
    exit 1
fi
grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|INITED" "$WORK/log" | tr '\n' ' '
echo
rmdir fuzz-findings 2>/dev/null || true
echo "fuzz: no crash or hang (seed ${SEED}, at most ${RUNS} runs in ${SECONDS_TO_RUN} s)"
