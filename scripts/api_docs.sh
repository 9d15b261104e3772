#!/usr/bin/env bash
# The API reference, generated from the docstrings with pdoc: docs/api/ (or the folder given).
# Fails on any warning pdoc prints (a broken reference, a docstring it cannot read).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/api}"
python="${PYTHON:-.venv/bin/python}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
"$python" -m pdoc --docformat restructuredtext --no-search \
    kg kg.api kg.component kg.errors kg.query kg.pipeline kg.types \
    -o "$out" 2>"$log" || { cat "$log" >&2; exit 1; }
if [ -s "$log" ]; then
    cat "$log" >&2
    echo "api_docs: pdoc printed warnings (above)" >&2
    exit 1
fi
echo "wrote $out/index.html"
