#!/usr/bin/env bash
# One-minute fuzz smoke: builds every target, fuzzes each for a few seconds
# (12 s each by default, SMOKE_SECONDS to change) and replays every saved
# regression input in fuzz/regressions/<target>/. Exits non-zero on any crash,
# timeout or out-of-memory; exits 0 with a notice when there is no nightly.
set -uo pipefail
cd "$(dirname "$0")"

if ! cargo +nightly --version >/dev/null 2>&1; then
    echo "fuzz smoke: skipped, the nightly toolchain is not installed (rustup toolchain install nightly)"
    exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "fuzz smoke: cargo-fuzz is missing: cargo install --locked cargo-fuzz" >&2
    exit 1
fi

seconds=${SMOKE_SECONDS:-12}
timeout=${SMOKE_TIMEOUT:-1}
# One process per run (no -jobs: libFuzzer would then log to fuzz-0.log).
flags=(-timeout="$timeout" -rss_limit_mb=4096)
# A known one-time leak in the pinyin table (see README) is suppressed.
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$PWD/lsan.supp"

cargo +nightly fuzz build || { echo "fuzz smoke: build failed" >&2; exit 1; }

targets=$(cargo +nightly fuzz list)
# A fresh corpus of the seeds only, so that a smoke takes the same time however
# large fuzz/corpus has grown.
seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
SEED_DIR=$seeds ./seed.sh >/dev/null
failed=()
mkdir -p logs
for t in $targets; do
    mkdir -p "$seeds/$t"
    echo "== $t: ${seconds}s"
    if ! nice -n 10 cargo +nightly fuzz run "$t" "$seeds/$t" -- \
        -max_total_time="$seconds" "${flags[@]}" 2>"logs/smoke-$t.log"; then
        tail -40 "logs/smoke-$t.log" >&2
        failed+=("$t")
    fi
    shopt -s nullglob
    inputs=(regressions/"$t"/*)
    shopt -u nullglob
    if [ ${#inputs[@]} -gt 0 ]; then
        echo "== $t: ${#inputs[@]} regression input(s)"
        if ! nice -n 10 cargo +nightly fuzz run "$t" "${inputs[@]}" -- "${flags[@]}" 2>"logs/smoke-$t-regressions.log"; then
            tail -40 "logs/smoke-$t-regressions.log" >&2
            failed+=("$t (regressions)")
        fi
    fi
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz smoke: FAILED: ${failed[*]} (inputs in fuzz/artifacts/)" >&2
    exit 1
fi
echo "fuzz smoke: all targets clean"
