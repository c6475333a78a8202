#!/usr/bin/env bash
# brief against its peers on the judged workloads (../shared/bench): a year's
# library of 2,000 briefings and one 20 MB briefing. Every figure is a ratio of
# medians taken in one hyperfine run (both commands started through the shell),
# or a peak resident size from /usr/bin/time; the README's Performance section
# is this script's output.
#
#   bench/compare.sh [WORKDIR]      (default target/compare)
#
# Peers: `cat FILES | wc -m` reads the text once; `fzf --filter` searches the
# same sentences one per line (pinyin initials are matched by fzf literally).
# The reader is measured under tmux: time to the first frame, and peak memory
# after a pinyin search with the whole library loaded.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=${1:-target/compare}
shared=${BRIEF_SHARED:-../shared}
runs=${RUNS:-5}

need() {
  command -v "$1" >/dev/null && return
  apt-get update -qq && apt-get install -y -qq "$2" >/dev/null
}
need hyperfine hyperfine
need fzf fzf
need tmux tmux
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }

cargo build --release --quiet
brief=$root/target/release/brief

# The workloads, made once.
mkdir -p "$work"
work=$(cd "$work" && pwd)
# Each is made when it is missing, so that a half-made workdir is finished.
if [ ! -d "$work/src" ]; then
  mkdir -p "$work/src.part"
  cp "$shared"/seed/*.txt "$shared"/corpus/*.txt "$work/src.part/"
  mv "$work/src.part" "$work/src"
fi
if [ ! -d "$work/library" ]; then
  rm -rf "$work/library.part"
  python3 "$shared/bench/gen_library.py" "$work/src" 2000 "$work/library.part" >/dev/null
  mv "$work/library.part" "$work/library"
fi
if [ ! -s "$work/big-lines.txt" ]; then
  python3 "$shared/bench/gen_corpus.py" "$work/src" 20 "$work/big.txt" "$work/big-lines.txt" >/dev/null
fi
if [ ! -s "$work/library-lines.txt" ]; then
  python3 bench/library_lines.py "$work/library" >"$work/library-lines.txt.part"
  mv "$work/library-lines.txt.part" "$work/library-lines.txt"
fi
lib=$work/library
find "$lib" -type f | sort >"$work/files"
text_bytes=$(xargs cat <"$work/files" | wc -c)
echo "library: $(wc -l <"$work/files") files, $((text_bytes / 1000000)) MB; big.txt: $(($(wc -c <"$work/big.txt") / 1000000)) MB"
echo "brief $(git rev-parse --short HEAD), $(fzf --version | cut -d' ' -f1) fzf, $(nproc) cores"
echo

# median NAME_A CMD_A NAME_B CMD_B: hyperfine both, print the medians and A/B.
median() {
  local json
  json=$(mktemp)
  # -i: a search that finds nothing exits 1 (fzf's literal jhyh finds nothing).
  hyperfine -i --warmup 1 --runs "$runs" --style none --export-json "$json" \
    -n "$1" "$2" -n "$3" "$4" >/dev/null
  python3 - "$json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
a, b = r[0], r[1]
print(f"  {a['command']:<28} median {a['median']*1000:7.0f} ms   {b['command']:<22} median {b['median']*1000:7.0f} ms   ratio {a['median']/b['median']:.2f}x")
PY
  rm -f "$json"
}

# peak CMD: the peak resident size of a shell command, in MB.
peak() {
  /usr/bin/time -f %M sh -c "$1" 2>&1 >/dev/null | tail -1 | awk '{printf "%.0f", $1/1024}'
}

echo "Reading the library (brief parse, all cores) against cat | wc -m:"
median "brief parse LIBRARY" "$brief parse $lib >/dev/null" \
  "cat FILES | wc -m" "xargs cat <$work/files | wc -m >/dev/null"
echo "  peak memory: brief parse $(peak "$brief parse $lib") MB; text $((text_bytes / 1048576)) MB"
echo

for target in library big; do
  if [ $target = library ]; then
    data=$lib
    lines=$work/library-lines.txt
  else
    data=$work/big.txt
    lines=$work/big-lines.txt
  fi
  echo "Whole-process search on the $target against fzf --filter:"
  for q in 招商引资 产业链 jhyh csgl; do
    median "brief search $q" "$brief search '$q' $data --limit 50 >/dev/null" \
      "fzf --filter $q" "fzf --filter '$q' <$lines >/dev/null"
    echo "    peak memory: brief $(peak "$brief search '$q' $data --limit 50") MB, fzf $(peak "fzf --filter '$q' <$lines") MB"
  done
  echo
done

# The reader, under tmux at 120x40: first frame and peak memory.
# start_reader: opens the library in a fresh session and waits until every
# file is read; the trace file is in $trace. A tmux server whose last
# session has just ended may still be exiting: the new session is tried again.
start_reader() {
  tmux kill-session -t brief-compare 2>/dev/null || true
  trace=$(mktemp)
  for try in 1 2 3 4 5; do
    tmux new-session -d -s brief-compare -x 120 -y 40 \
      "BRIEF_TRACE=$trace BRIEF_STATE=$work/state.toml $brief $lib" && break
    [ "$try" = 5 ] && exit 1
    sleep 0.5
  done
  for _ in $(seq 200); do
    grep -q '^loaded' "$trace" 2>/dev/null && break
    sleep 0.05
  done
}
echo "The reader on the library:"
frames=()
for _ in $(seq "$runs"); do
  start_reader
  frames+=("$(awk '/^first-frame/ {print $2}' "$trace")")
  loaded=$(awk '/^loaded/ {print $2}' "$trace")
  tmux kill-session -t brief-compare
  rm -f "$trace"
done
echo "  first frame: median $(printf '%s\n' "${frames[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}') ms; all loaded after $loaded ms (last run)"
# Peak memory after typing jhyh, the median of three runs (it moves by about
# half a megabyte from run to run), in MiB as VmHWM gives it (KiB).
hwms=()
for _ in 1 2 3; do
  start_reader
  pid=$(tmux list-panes -t brief-compare -F '#{pane_pid}')
  tmux send-keys -t brief-compare / j h y h
  sleep 3
  hwms+=("$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")")
  tmux send-keys -t brief-compare Escape q
  sleep 0.5
  tmux kill-session -t brief-compare 2>/dev/null || true
  rm -f "$trace"
done
hwm_kib=$(printf '%s\n' "${hwms[@]}" | sort -n | sed -n 2p)
hwm=$(python3 -c "print(f'{$hwm_kib/1024:.1f}')")
echo "  peak memory after a pinyin search (jhyh), median of 3: $hwm MB = $(python3 -c "print(f'{$hwm_kib*1024/$text_bytes:.2f}')")x the text ($((text_bytes / 1048576)) MB)"
