#!/usr/bin/env bash
# Validates every GitHub Actions workflow in .github/workflows against the workflow schema with
# action-validator (dev dependency @action-validator/cli; its schema is built in, so it runs offline).
# Fails on any problem. Usage: bash scripts/lint-workflows.sh [workflow dir]
#   (default .github/workflows; a relative dir is taken from the repository root)
# Run from .ci/run, e.g. after `npm ci`: bash scripts/lint-workflows.sh
set -euo pipefail
cd "$(dirname "$0")/.."

dir="${1:-.github/workflows}"
shopt -s nullglob
files=("$dir"/*.yml "$dir"/*.yaml)
if [ "${#files[@]}" -eq 0 ]; then
  echo "lint-workflows: no workflow files in $dir" >&2
  exit 1
fi

# --no-install: use the repository's own node_modules/.bin/action-validator, never a download
# (an unrelated npm package is also called action-validator).
if ! npx --no-install action-validator --help >/dev/null 2>&1; then
  echo "lint-workflows: action-validator is not installed; add the dev dependency @action-validator/cli and run npm ci" >&2
  exit 1
fi

failed=0
for file in "${files[@]}"; do
  if npx --no-install action-validator "$file"; then
    echo "lint-workflows: ok    $file"
  else
    echo "lint-workflows: FAIL  $file" >&2
    failed=1
  fi
done

if [ "$failed" -ne 0 ]; then
  echo "lint-workflows: invalid workflow file(s) above" >&2
  exit 1
fi
echo "lint-workflows: ${#files[@]} workflow file(s) valid"
