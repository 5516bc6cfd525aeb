#!/usr/bin/env bash
# Peak memory (maximum resident set size, /usr/bin/time -v) and wall time of a full run (fresh
# output) and of an unchanged rerun over N generated markdown pages on tmpfs, with the bundled
# pipeline.json's exporters, for each N given (default 1000 20000 100000).
# Usage: benchmarks/memory.sh [N...]
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 20000 100000)
./scripts/setup.sh
swift build -c release --product exercise-pipeline >/dev/null
bin=$PWD/.build/release/exercise-pipeline
work=$(mktemp -d -p /dev/shm)
trap 'rm -rf "$work"' EXIT
measure() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk '/Maximum resident/ {rss=$6} /Elapsed/ {t=$8} END {print int(rss/1024), t}'; }
echo "| pages | full run: peak RSS (MB) | full run: wall | unchanged rerun: peak RSS (MB) | unchanged rerun: wall |"
echo "|---|---|---|---|---|"
for n in "${sizes[@]}"; do
  python3 ../shared/tools/bench/gen_corpus.py "$work/c$n" -n "$n" --formats md >/dev/null
  sed "s|\"input\": \"input\"|\"input\": \"c$n/md\"|; s|\"output\": \"output\"|\"output\": \"out$n\"|" pipeline.json > "$work/p$n.json"
  read -r full_rss full_t < <(measure "$bin" run --config "$work/p$n.json" --quiet)
  read -r noop_rss noop_t < <(measure "$bin" run --config "$work/p$n.json" --quiet)
  echo "| $n | $full_rss | $full_t | $noop_rss | $noop_t |"
  rm -rf "$work/c$n" "$work/out$n"
done
