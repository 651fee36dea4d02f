#!/usr/bin/env bash
# The run step of the GitHub Action (action.yml). Its inputs arrive as INPUT_* variables,
# the pull request's base commit as BASE_SHA (empty on other events) and the interpreter
# that has awesome-lint installed as AWESOME_LINT_PYTHON. Multi-line inputs are whole
# lists: files are words or glob patterns (action/inputs.py expands them), args are
# shell-style words (quotes work; nothing is evaluated).
set -eo pipefail

python=${AWESOME_LINT_PYTHON:-python3}
here=$(dirname "${BASH_SOURCE[0]}")
split_input() { # NAME ARRAY: the input NAME, split by inputs.py, into ARRAY
  local words
  words=$(mktemp)
  "$python" "$here/inputs.py" "$1" > "$words" || exit 2
  mapfile -d '' -t "$2" < "$words"
  rm -f "$words"
}
files=() extra=()
split_input files files
split_input args extra
options=(--fail-on "${INPUT_FAIL_ON:-error}" --force-exclude)
if [[ "${INPUT_ONLINE:-false}" == "true" ]]; then
  options+=(--online)
fi

if [[ -n "${INPUT_SARIF_FILE:-}" ]]; then
  # Every finding, not only the changed lines: code scanning tells new alerts from old.
  "$python" -m awesome_lint "${options[@]}" "${extra[@]}" --output-format sarif \
    --exit-zero --quiet -- "${files[@]}" > "$INPUT_SARIF_FILE"
fi

if [[ "${INPUT_ONLY_CHANGED:-true}" == "true" && -n "${BASE_SHA:-}" ]]; then
  # actions/checkout fetches one commit by default: fetch the base too when it is missing.
  git cat-file -e "${BASE_SHA}^{commit}" 2> /dev/null \
    || git fetch --quiet --no-tags --depth=1 origin "$BASE_SHA"
  options+=(--diff-base "$BASE_SHA")
fi

"$python" -m awesome_lint "${options[@]}" "${extra[@]}" --output-format github -- "${files[@]}"
