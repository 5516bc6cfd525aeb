#!/usr/bin/env bash
# Installs what building and testing need, and only what is missing, on a fresh Debian machine:
# the C libraries' headers (cmark-gfm, libxml2, SQLite, jemalloc); with --test also PyLD (the JSON-LD validator),
# jsonschema, pandas, frictionless, GNU parallel, sqlite3 and Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
[ -f /usr/include/cmark-gfm.h ] || need_apt+=(libcmark-gfm-dev)
[ -f /usr/include/cmark-gfm-core-extensions.h ] || need_apt+=(libcmark-gfm-extensions-dev)
[ -f /usr/include/libxml2/libxml/HTMLparser.h ] || need_apt+=(libxml2-dev)
[ -f /usr/include/sqlite3.h ] || need_apt+=(libsqlite3-dev)
[ -f /usr/include/jemalloc/jemalloc.h ] || need_apt+=(libjemalloc-dev)
command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing ${need_apt[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ "${1:-}" = "--test" ]; then
  # The tests check output the way receiving tools read it: the JSON-LD validator (PyLD), JSON
  # Schema (jsonschema), CSV through pandas, the data package through the Frictionless validator
  # (frictionless), preview pages in a real browser (Chromium).
  validator=../shared/tools/jsonld-validator
  if ! python3 -c 'import pyld' >/dev/null 2>&1; then
    echo "setup: installing PyLD for the JSON-LD validator" >&2
    python3 -m pip install -q -r "$validator/requirements.txt"
  fi
  for module in jsonschema pandas frictionless; do
    if ! python3 -c "import $module" >/dev/null 2>&1; then
      echo "setup: installing $module" >&2
      python3 -m pip install -q "$module"
    fi
  done
  # Commands the tests run, each from Debian's package of the same name when missing.
  for need in "parallel:GNU parallel (the shard recipe's test)" "sqlite3:the sqlite3 shell (the README's query example)" "chromium:Chromium (headless browser tests)"; do
    command -v "${need%%:*}" >/dev/null 2>&1 && continue
    echo "setup: installing ${need#*:}" >&2
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need%%:*}" >/dev/null
  done
fi
