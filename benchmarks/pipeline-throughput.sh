#!/usr/bin/env bash
# Pages per second of the whole pipeline beside the bare parsers and the Python peer, in one
# sitting: PAGES generated pages of each format (../shared/tools/bench/gen_corpus.py) on tmpfs;
# cmark-gfm over all markdown files in one process, `xmllint --html --noout` over all HTML files,
# the Python peer (../shared/tools/bench/peer_pipeline.py) with 1 and 2 processes, and
# exercise-pipeline with the bundled pipeline.json and with `json-dataset` only (fresh output each
# run). Prints a table of medians (hyperfine), pages/s, the ratio to the bare parse and to the
# 2-process peer, and exercise-pipeline's peak RSS (/usr/bin/time -v).
# Installs what it lacks: hyperfine, cmark-gfm, libxml2-utils (Debian), the peer's packages (a venv
# in .build/bench-venv).
# Usage: benchmarks/pipeline-throughput.sh [PAGES] [RUNS]   (defaults 20000 3)
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-20000}
runs=${2:-3}
need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v cmark-gfm >/dev/null || need+=(cmark-gfm)
command -v xmllint >/dev/null || need+=(libxml2-utils)
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null; fi
venv=$PWD/.build/bench-venv
if ! "$venv/bin/python" -c "import markdown_it, yaml, lxml, bs4" 2>/dev/null; then
  python3 -m venv "$venv" && "$venv/bin/pip" install -q markdown-it-py pyyaml lxml beautifulsoup4
fi
./scripts/setup.sh
swift build -c release --product exercise-pipeline >/dev/null
bin=$PWD/.build/release/exercise-pipeline
peer=$PWD/../shared/tools/bench/peer_pipeline.py
work=$(mktemp -d -p /dev/shm)
trap 'rm -rf "$work"' EXIT
python3 ../shared/tools/bench/gen_corpus.py "$work/corpus" -n "$pages" --formats md,html >/dev/null
for format in md html; do
  sed "s|\"input\": \"input\"|\"input\": \"corpus/$format\"|; s|\"output\": \"output\"|\"output\": \"out-$format\"|" pipeline.json > "$work/all-$format.json"
  echo "{\"input\": \"corpus/$format\", \"output\": \"out-dataset-$format\", \"exporters\": [{\"format\": \"json-dataset\"}]}" > "$work/dataset-$format.json"
done
echo "corpus: $pages markdown and $pages HTML pages on tmpfs; $(nproc) cores; commit $(git rev-parse --short HEAD); $(date -u +%F)"
for format in md html; do
  if [ "$format" = md ]; then bare=("cmark-gfm, one process (bare parse)" "cmark-gfm $work/corpus/md/*.md")
  else bare=("xmllint --html --noout, one process (bare parse)" "xmllint --html --noout $work/corpus/html/*.html"); fi
  # The bare parse after two warm-up runs: a one-second command whose first runs after the corpus
  # is written varied from 1.1 to 2.9 s (the kernel's time in reading 20,000 new files).
  hyperfine --runs "$runs" --warmup 2 --export-json "$work/$format-bare.json" -n "${bare[0]}" "${bare[1]}" >/dev/null
  hyperfine --runs "$runs" --export-json "$work/$format.json" \
    -n "Python peer, 1 process" --prepare "rm -rf $work/peer" "$venv/bin/python $peer $work/corpus/$format $work/peer --format $format --jobs 1" \
    -n "Python peer, 2 processes" --prepare "rm -rf $work/peer" "$venv/bin/python $peer $work/corpus/$format $work/peer --format $format --jobs 2" \
    -n "exercise-pipeline, bundled pipeline.json" --prepare "rm -rf $work/out-$format" "$bin run --config $work/all-$format.json --quiet" \
    -n "exercise-pipeline, json-dataset only" --prepare "rm -rf $work/out-dataset-$format" "$bin run --config $work/dataset-$format.json --quiet" >/dev/null
done
rss() { rm -rf "$work/$2"; /usr/bin/time -v "$bin" run --config "$work/$1" --quiet 2>&1 >/dev/null | awk '/Maximum resident/ {print int($6 / 1024)}'; }
rss_md_all=$(rss all-md.json out-md); rss_md_ds=$(rss dataset-md.json out-dataset-md)
rss_html_all=$(rss all-html.json out-html); rss_html_ds=$(rss dataset-html.json out-dataset-html)
python3 - "$pages" "$work/md.json" "$work/html.json" "$rss_md_all $rss_md_ds" "$rss_html_all $rss_html_ds" <<'PY'
import json, statistics, sys
pages = int(sys.argv[1])
for name, path, rss in (("markdown", sys.argv[2], sys.argv[4]), ("HTML", sys.argv[3], sys.argv[5])):
    rows = json.load(open(path.replace(".json", "-bare.json")))["results"] + json.load(open(path))["results"]
    med = [statistics.median(r["times"]) for r in rows]
    bare, peer2 = med[0], med[2]
    rss = rss.split()
    print(f"\n{name}: {pages} pages")
    print("| command | median (s) | pages/s | vs bare parse | vs peer (2 processes) | peak RSS (MB) |")
    print("|---|---:|---:|---:|---:|---:|")
    for i, (r, m) in enumerate(zip(rows, med)):
        mem = rss[i - 3] if i >= 3 else ""
        print(f"| {r['command']} | {m:.3f} | {pages / m:,.0f} | {bare / m:.3f}x | {peer2 / m:.2f}x | {mem} |")
PY
