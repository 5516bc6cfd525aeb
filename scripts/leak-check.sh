#!/usr/bin/env bash
# A 1,000-page run (500 markdown, 500 HTML; JSON, dataset, JSON-LD, HTML and CSV exporters) under
# AddressSanitizer with LeakSanitizer: any leak of cmark-gfm or libxml2 nodes (or any other) or any
# memory error fails it. The pages come from ../shared/tools/bench/gen_corpus.py.
#
#   scripts/leak-check.sh [PAGES_PER_FORMAT]     (make test-leaks)
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-500}
./scripts/setup.sh
swift build --sanitize=address --scratch-path .build-asan --toolset scripts/lld-toolset.json --product exercise-pipeline >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 ../shared/tools/bench/gen_corpus.py "$work" -n "$pages" --formats md,html >/dev/null
cat > "$work/pipeline.json" <<'JSON'
{ "input": ["md", "html"], "output": "out",
  "exporters": [ { "format": "json" }, { "format": "json-dataset" }, { "format": "jsonld", "baseURL": "https://example.com/e/" },
                 { "format": "html", "baseURL": "https://example.com/e/" }, { "format": "csv" } ] }
JSON
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=detect_leaks=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$PWD/scripts/lsan.supp
.build-asan/debug/exercise-pipeline run --config "$work/pipeline.json" --quiet
echo "no leak and no memory error in $((pages * 2)) pages"
