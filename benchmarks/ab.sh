#!/usr/bin/env bash
# Two builds of exercise-pipeline on one pipeline.json, run in turn (A B A B …) so that the
# machine's drift in speed falls on both alike; prints each build's median wall and CPU seconds
# (/usr/bin/time) and the median of the pairwise ratios A/B. Each run starts from an empty output
# folder (the one pipeline.json names), so no run reuses another's cache.
# Usage: benchmarks/ab.sh BINARY_A BINARY_B PIPELINE_JSON [PAIRS]   (default 5 pairs)
set -euo pipefail
a=$1 b=$2 config=$3 pairs=${4:-5}
output=$(python3 -c 'import json, os, sys; c = json.load(open(sys.argv[1])); print(os.path.join(os.path.dirname(os.path.abspath(sys.argv[1])), c["output"]))' "$config")
times=$(mktemp)
trap 'rm -f "$times"' EXIT
run() {  # run LABEL BINARY: one timed run, appended to $times as "LABEL wall cpu"
  rm -rf "$output"
  /usr/bin/time -f "$1 %e %U %S" -a -o "$times" "$2" run --config "$config" --quiet > /dev/null 2>&1 || true
}
run warm "$a"
for _ in $(seq "$pairs"); do run A "$a"; run B "$b"; done
python3 - "$times" "$a" "$b" "$config" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line.split() and line.split()[0] in ("A", "B")]
runs = {k: [(float(w), float(u) + float(s)) for label, w, u, s in rows if label == k] for k in ("A", "B")}
med = lambda xs: statistics.median(xs)
print(f"{sys.argv[4]}: {len(runs['A'])} pairs, A = {sys.argv[2]}, B = {sys.argv[3]}")
for k in ("A", "B"):
    print(f"  {k}: wall {med([w for w, _ in runs[k]]):.2f} s, cpu {med([c for _, c in runs[k]]):.2f} s (medians)")
pairs = list(zip(runs["A"], runs["B"]))
print(f"  A/B, median of the pairs: wall {med([x[0] / y[0] for x, y in pairs]):.2f}x, cpu {med([x[1] / y[1] for x, y in pairs]):.2f}x")
PY
