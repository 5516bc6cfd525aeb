#!/usr/bin/env bash
# Installs what building and testing need, and only what is missing, on a fresh Debian machine:
# the C libraries' headers (cmark-gfm, libxml2) and the JSON-LD validator's Python package (PyLD).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
[ -f /usr/include/cmark-gfm.h ] || need_apt+=(libcmark-gfm-dev)
[ -f /usr/include/cmark-gfm-core-extensions.h ] || need_apt+=(libcmark-gfm-extensions-dev)
[ -f /usr/include/libxml2/libxml/HTMLparser.h ] || need_apt+=(libxml2-dev)
command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing ${need_apt[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ "${1:-}" = "--test" ]; then
  validator=../shared/tools/jsonld-validator
  if ! python3 -c 'import pyld' >/dev/null 2>&1; then
    echo "setup: installing PyLD for the JSON-LD validator" >&2
    python3 -m pip install -q -r "$validator/requirements.txt"
  fi
fi
