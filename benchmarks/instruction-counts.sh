#!/usr/bin/env bash
# Instructions executed (valgrind's callgrind) by exercise-pipeline over PAGES generated pages of
# each format (../shared/tools/bench/gen_corpus.py), with the bundled pipeline.json and with
# `json-dataset` only. Unlike wall time, the count is the same on every run of the same binary
# and input, whatever else the machine is doing, so two commits can be compared on a busy or
# noisy machine: run this on a checkout of each.
# callgrind serialises the threads, so the count is the work, not the wall time. It also runs
# swift-crypto's portable SHA-256 rather than the SHA instructions the real CPU has, which makes
# hashing (every input page and output file) weigh several times what it does natively.
# Installs valgrind when it is missing. Usage: benchmarks/instruction-counts.sh [PAGES] (default 300)
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-300}
command -v valgrind >/dev/null || { apt-get update -qq && apt-get install -y -qq valgrind >/dev/null; }
./scripts/setup.sh
swift build -c release --product exercise-pipeline >/dev/null
work=$(mktemp -d -p /dev/shm)
trap 'rm -rf "$work"' EXIT
# valgrind 3.19 cannot read the DWARF the toolchain writes: a copy without debug information,
# beside the resources the tool looks for next to its executable.
mkdir "$work/bin"
strip --strip-debug -o "$work/bin/exercise-pipeline" .build/release/exercise-pipeline
ln -s "$PWD/.build/release/exercise-pipeline_ExerciseTaxonomy.resources" "$work/bin/"
python3 ../shared/tools/bench/gen_corpus.py "$work/corpus" -n "$pages" --formats md,html >/dev/null
echo "commit $(git rev-parse --short HEAD), $pages pages of each format; instructions (callgrind Ir):"
for format in md html; do
  sed "s|\"input\": \"input\"|\"input\": \"corpus/$format\"|; s|\"output\": \"output\"|\"output\": \"out-all-$format\"|" pipeline.json > "$work/all-$format.json"
  echo "{\"input\": \"corpus/$format\", \"output\": \"out-dataset-$format\", \"exporters\": [{\"format\": \"json-dataset\"}]}" > "$work/dataset-$format.json"
  for config in all dataset; do
    count=$(valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" "$work/bin/exercise-pipeline" run --config "$work/$config-$format.json" --quiet 2>&1 \
      | sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
    printf '%-5s %-8s %15s instructions, %s per page\n' "$format" "$config" "$count" "$((count / pages))"
  done
done
