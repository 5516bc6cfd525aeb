#!/usr/bin/env bash
# Installs the release build under PREFIX (make install PREFIX=/usr/local calls this after building).
# SwiftPM on Linux finds a target's resources in a folder beside the executable, so the binary and
# its taxonomy live together in lib/exercise-pipeline/ and bin/ holds a link to the binary.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="${1:?usage: scripts/install.sh PREFIX}"
bin=.build/release/exercise-pipeline
manual=.build/plugins/GenerateManual/outputs/exercise-pipeline/exercise-pipeline.1
[ -x "$bin" ] || { echo "install: $bin is missing; run make install" >&2; exit 1; }
[ -f "$manual" ] || { echo "install: $manual is missing; run make install" >&2; exit 1; }

install -d "$prefix/bin" "$prefix/lib/exercise-pipeline" "$prefix/share/man/man1" \
  "$prefix/share/bash-completion/completions" "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d"
install -m 755 "$bin" "$prefix/lib/exercise-pipeline/exercise-pipeline"
rm -rf "$prefix/lib/exercise-pipeline/"*.resources
cp -R .build/release/*.resources "$prefix/lib/exercise-pipeline/"
ln -sf ../lib/exercise-pipeline/exercise-pipeline "$prefix/bin/exercise-pipeline"
install -m 644 "$manual" "$prefix/share/man/man1/exercise-pipeline.1"
"$bin" --generate-completion-script bash > "$prefix/share/bash-completion/completions/exercise-pipeline"
"$bin" --generate-completion-script zsh > "$prefix/share/zsh/site-functions/_exercise-pipeline"
"$bin" --generate-completion-script fish > "$prefix/share/fish/vendor_completions.d/exercise-pipeline.fish"
echo "installed exercise-pipeline into $prefix (bin, lib/exercise-pipeline, man page, bash/zsh/fish completions)" >&2
