#!/usr/bin/env bash
# HTML pages per second: exercise-pipeline (whole pipeline: read, extract, normalize, export)
# beside libxml2's bare parse (`xmllint --html --noout`) over the same files. Medians of
# hyperfine runs. Usage: benchmarks/html-throughput.sh [RUNS]   (default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v xmllint >/dev/null || need+=(libxml2-utils)
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null; fi
./scripts/setup.sh
swift build -c release --product exercise-pipeline >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pages=$(python3 benchmarks/make_html_corpus.py ../shared "$work/pages")
bytes=$(cat "$work"/pages/*.html | wc -c)
cat > "$work/pipeline.json" <<JSON
{"input": "pages", "output": "out", "exporters": [{"format": "json"}, {"format": "json-dataset"}]}
JSON
cat > "$work/dataset.json" <<JSON
{"input": "pages", "output": "out-dataset", "exporters": [{"format": "json-dataset"}]}
JSON
bin=$PWD/.build/release/exercise-pipeline
echo "corpus: $pages pages, $bytes bytes; $(nproc) cores; $runs runs each"
# "fresh": the output folder is deleted before each run, so every file is created;
# "re-run": the output is already there and unchanged files are not rewritten.
hyperfine --warmup 2 --runs "$runs" --export-json "$work/times.json" \
  -n "exercise-pipeline run, fresh output (all cores)" --prepare "rm -rf $work/out" "$bin run --config $work/pipeline.json --quiet" \
  -n "exercise-pipeline run, fresh output (1 core)" --prepare "rm -rf $work/out" "taskset -c 0 $bin run --config $work/pipeline.json --quiet" \
  -n "exercise-pipeline run, re-run (all cores)" --prepare "true" "$bin run --config $work/pipeline.json --quiet" \
  -n "exercise-pipeline run, json-dataset only (all cores)" --prepare "true" "$bin run --config $work/dataset.json --quiet" \
  -n "xmllint --html --noout" --prepare "true" "xmllint --html --noout $work/pages/*.html 2>/dev/null || true" >/dev/null
python3 - "$work/times.json" "$pages" <<'PY'
import json, statistics, sys
data, pages = json.load(open(sys.argv[1])), int(sys.argv[2])
print("| command | median (s) | pages/s |")
print("|---|---|---|")
for r in data["results"]:
    m = statistics.median(r["times"])
    print("| %s | %.3f | %.0f |" % (r["command"], m, pages / m))
PY
