#!/usr/bin/env bash
# Incremental reruns over N generated markdown pages (default 20000) on tmpfs, with the bundled
# pipeline.json's exporters: the full run, an unchanged rerun, and a rerun after one page changed;
# each with hyperfine (medians) and peak RSS from /usr/bin/time -v.
# Usage: benchmarks/incremental.sh [PAGES] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-20000}
runs=${2:-5}
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
./scripts/setup.sh
swift build -c release --product exercise-pipeline >/dev/null
bin=$PWD/.build/release/exercise-pipeline
work=$(mktemp -d -p /dev/shm)
trap 'rm -rf "$work"' EXIT
python3 ../shared/tools/bench/gen_corpus.py "$work/corpus" -n "$pages" --formats md >/dev/null
sed 's|"input": "input"|"input": "corpus/md"|' pipeline.json > "$work/pipeline.json"
page=$(find "$work/corpus/md" -name "*.md" -print -quit | xargs basename)
echo "corpus: $pages markdown pages; $(nproc) cores"
hyperfine --runs 3 -n "full run (fresh output)" --prepare "rm -rf $work/output" "$bin run --config $work/pipeline.json --quiet" \
  --export-json "$work/full.json" >/dev/null
"$bin" run --config "$work/pipeline.json" --quiet 2>/dev/null
# (Separate hyperfine calls: one --prepare would apply to every command of a call.)
hyperfine --warmup 1 --runs "$runs" -n "unchanged rerun" "$bin run --config $work/pipeline.json --quiet" \
  --export-json "$work/noop.json" >/dev/null
hyperfine --runs "$runs" -n "rerun after one page changed" --prepare "echo ' ' >> $work/corpus/md/$page" "$bin run --config $work/pipeline.json --quiet" \
  --export-json "$work/re.json" >/dev/null
rss() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk '/Maximum resident/ {print $6}'; }
rm -rf "$work/output"
full_rss=$(rss "$bin" run --config "$work/pipeline.json" --quiet)
noop_rss=$(rss "$bin" run --config "$work/pipeline.json" --quiet)
python3 - "$work/full.json" "$work/noop.json" "$work/re.json" "$full_rss" "$noop_rss" <<'PY'
import json, statistics, sys
rows = sum((json.load(open(f))["results"] for f in sys.argv[1:4]), [])
full = statistics.median(rows[0]["times"])
print("| command | median (s) | vs full run |")
print("|---|---|---|")
for r in rows:
    m = statistics.median(r["times"])
    print(f"| {r['command']} | {m:.3f} | {full / m:.1f}x faster |" if r is not rows[0] else f"| {r['command']} | {m:.3f} | 1x |")
print(f"\npeak RSS: full run {int(sys.argv[4]) // 1024} MB, unchanged rerun {int(sys.argv[5]) // 1024} MB")
PY
