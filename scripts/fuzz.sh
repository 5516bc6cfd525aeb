#!/usr/bin/env bash
# Coverage-guided fuzzing with libFuzzer (the Swift toolchain's), AddressSanitizer on.
#
#   scripts/fuzz.sh TARGET SECONDS     (make fuzz TARGET=html SECONDS=600)
#
# TARGET: markdown, html, front-matter, structured-data, config, exporters, or all (each in turn,
# SECONDS each). The targets are in Fuzz/ (a package of their own, so `make test` never builds
# them). Seeds: input/, ../shared/corpus and a few hostile cases written here; libFuzzer adds the
# inputs that reach new code to .build-fuzz/corpus/TARGET, so later runs start from there. A crash
# leaves its input in .build-fuzz/crashes/ and makes this script fail: pin it with a regression
# test, fix it, and run again. docs/RELIABILITY.md records the hours run and what they found.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/fuzz.sh TARGET SECONDS (TARGET: markdown html front-matter structured-data config exporters all)}
seconds=${2:-60}
all=(markdown html front-matter structured-data config exporters)
if [ "$target" = all ]; then targets=("${all[@]}"); else targets=("$target"); fi
for t in "${targets[@]}"; do
  [[ " ${all[*]} " == *" $t "* ]] || { echo "unknown fuzz target '$t'; expected one of: ${all[*]} all" >&2; exit 64; }
done

./scripts/setup.sh
work=$PWD/.build-fuzz
mkdir -p "$work/crashes"
# Every crash waits 30 s in Swift's backtracer unless it is off.
export SWIFT_BACKTRACE=enable=no
# Swift's runtime keeps metadata caches for the life of the process; they are not leaks.
export ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1

seed() {  # seed TARGET DIR: the starting inputs of one target
  local t=$1 dir=$2 shared=../shared/corpus
  mkdir -p "$dir"
  case $t in
    markdown|exporters|front-matter)
      # (Listed to a file first: `find | head` under pipefail fails when head stops reading.)
      find input "$shared/real-pages" "$shared/everkinetic" -name '*.md' 2>/dev/null > "$dir.list" || true
      head -400 "$dir.list" | while read -r f; do cp "$f" "$dir/$(basename "$(dirname "$f")")-$(basename "$f")"; done
      rm -f "$dir.list" ;;
    html|structured-data)
      find input "$shared/real-pages" -name '*.html' 2>/dev/null | while read -r f; do cp "$f" "$dir/$(basename "$(dirname "$f")")-$(basename "$f")"; done ;;
    config)
      cp pipeline.json "$dir/bundled.json"
      find Tests -name '*.json' -size -64k > "$dir.list" || true
      head -50 "$dir.list" | while read -r f; do cp "$f" "$dir/$(echo "$f" | tr / _)"; done
      rm -f "$dir.list" ;;
  esac
  # Hostile seeds: deep nesting, entity and alias bombs, odd line ends, script breakers.
  python3 - "$dir" "$t" <<'PY'
import sys, os
d, t = sys.argv[1], sys.argv[2]
cases = {
  "deep-quote.md": "> " * 3000 + "x\n",
  "deep-list.md": "".join("  " * i + "- a\n" for i in range(300)),
  "deep-html.html": "<div>" * 3000 + "x" + "</div>" * 3000,
  "entities.html": "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><p>&b;&b;&b;</p>",
  "external-entity.html": "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><h1>&e;</h1>",
  "yaml-aliases.md": "---\na: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b]\n---\n# T\n",
  "crlf-bom.md": "\ufeff# Squat\r\n\r\n## Steps\r\n\r\n1. Down\r\n2. Up\r\n",
  "cr-only.md": "# Squat\r\r## Steps\r\r1. Down\r",
  "script-breaker.md": "# </script><!-- Squat\n\n## Steps\n\n1. </script><script>alert(1)</script>\n",
  "nul-refs.html": "<h1>A&#0;B&#xD800;C</h1><ol><li>&#x110000;</li></ol>",
  "deep-jsonld.html": "<script type=\"application/ld+json\">" + "[" * 5000 + "]" * 5000 + "</script><h1>T</h1>",
  "bidi.md": "# \u202eSquat\u202c\n\n## Steps\n\n1. \u2066x\u2069\n",
}
for name, text in cases.items():
    with open(os.path.join(d, "hostile-" + name), "w", encoding="utf-8", newline="") as f: f.write(text)
PY
}

# Every target is built before any runs, so editing the sources during a long run cannot break it.
# Fuzz/toolset.json: libFuzzer + AddressSanitizer, no `main` of Swift's own, and lld (gold fails on
# the sanitized objects with an internal error).
for t in "${targets[@]}"; do
  if ! swift build --package-path Fuzz --scratch-path "$work/build" -c release --product "fuzz-$t" --toolset Fuzz/toolset.json >"$work/build-$t.log" 2>&1; then
    echo "building fuzz-$t failed:" >&2; grep -E "error" "$work/build-$t.log" | head -20 >&2; exit 1
  fi
done

status=0
for t in "${targets[@]}"; do
  corpus=$work/corpus/$t
  [ -d "$corpus" ] || seed "$t" "$corpus"
  case $t in markdown|front-matter|exporters) dict=markdown;; html|structured-data) dict=html;; config) dict=json;; esac
  echo "fuzzing $t for $seconds s (corpus $corpus)"
  # -timeout: one input running longer than 10 s is a hang, reported like a crash.
  if ! "$work/build/release/fuzz-$t" "$corpus" -dict="Fuzz/dictionaries/$dict.dict" -max_total_time="$seconds" \
      -max_len=65536 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$work/crashes/$t-" 2>"$work/$t.log"; then
    status=1
  fi
  grep -E "^(Done|stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ *DONE)" "$work/$t.log" || true
  grep -E "==ERROR|Fatal error|deadly signal|timeout after" "$work/$t.log" | head -5 || true
done
ls "$work/crashes" 2>/dev/null | grep -q . && { echo "crash inputs in $work/crashes:"; ls "$work/crashes"; status=1; }
exit $status
