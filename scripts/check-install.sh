#!/usr/bin/env bash
# make test's last step: `make install` into a temporary PREFIX, then the installed tool is used
# the way a user would — from another folder, with the build folder out of reach: --version, a
# taxonomy lookup (the resources beside the binary), a conversion, the man page, completions.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
prefix=$(mktemp -d /tmp/exercise-pipeline-install.XXXXXX)
trap 'rm -rf "$prefix"' EXIT
make -s install PREFIX="$prefix" >/dev/null
fail() { echo "check-install: $*" >&2; exit 1; }

tool="$prefix/bin/exercise-pipeline"
cd /
version=$("$tool" --version)
case "$version" in "exercise-pipeline "*"(record schemaVersion "*) ;; *) fail "--version printed '$version'" ;; esac
# The build folder's resources must not be what the installed tool reads.
mv "$root/.build/release/exercise-pipeline_ExerciseTaxonomy.resources" "$root/.build/release/hidden.resources"
restore() { mv "$root/.build/release/hidden.resources" "$root/.build/release/exercise-pipeline_ExerciseTaxonomy.resources"; rm -rf "$prefix"; }
trap restore EXIT
lookup=$("$tool" taxonomy lookup muscle "rear delts")
[ "${lookup%% *}" = "rear-deltoid" ] || fail "taxonomy lookup printed '$lookup'"
id=$(printf '# Dead Bug\n\n- Equipment: Body weight\n\n## Steps\n\n1. Lie on your back.\n' | "$tool" convert -f markdown | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
[ "$id" = "dead-bug" ] || fail "convert gave id '$id'"

# Every library's malloc must be jemalloc's (Package.swift links it; BENCHMARKS.md says why): a
# link order that let glibc's come first would cost a seventh of a run and no test would notice.
bindings=$(LD_DEBUG=bindings "$tool" --version 2>&1 >/dev/null | grep "normal symbol \`malloc'" || true)
[ -n "$bindings" ] || fail "LD_DEBUG=bindings shows no binding of malloc"
if grep -v "to [^ ]*libjemalloc" <<<"$bindings" >&2; then fail "malloc is bound to another allocator than jemalloc (above)"; fi

page="$prefix/share/man/man1/exercise-pipeline.1"
grep -q '^\.Dt EXERCISE-PIPELINE 1' "$page" || fail "the man page has no .Dt header"
if command -v man >/dev/null 2>&1; then
  MANWIDTH=80 man -l "$page" 2>/dev/null | grep -q "convert" || fail "man -l does not show the convert command"
fi
bash -n "$prefix/share/bash-completion/completions/exercise-pipeline" || fail "the bash completion does not parse"
grep -q "convert" "$prefix/share/bash-completion/completions/exercise-pipeline" || fail "the bash completion lacks convert"
grep -q "#compdef exercise-pipeline" "$prefix/share/zsh/site-functions/_exercise-pipeline" || fail "the zsh completion lacks #compdef"
grep -q "complete -c 'exercise-pipeline'" "$prefix/share/fish/vendor_completions.d/exercise-pipeline.fish" || fail "the fish completion lacks complete -c"
echo "check-install: make install PREFIX=… works: binary (malloc from jemalloc), taxonomy resources, man page, bash/zsh/fish completions" >&2
