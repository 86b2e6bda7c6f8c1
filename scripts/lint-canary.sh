#!/usr/bin/env bash
# Proof that `npm run lint` sees the fields the editor shows: plant a rule violation in a field of each
# package (one of them under an inline eslint-disable, which the scanner ignores too) in a copy of the
# sources, run the eslint command of `npm run lint` on the copy, and fail unless it reports both.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
copy="$(mktemp -d)"
trap 'rm -rf "$copy"' EXIT
cp -r package.json eslint.config.mjs nodes credentials "$copy/"
mkdir -p "$copy/packages/n8n-nodes-kmi-learning"
cp -r packages/n8n-nodes-kmi-learning/{package.json,nodes,credentials} "$copy/packages/n8n-nodes-kmi-learning/"
ln -s "$repo/node_modules" "$copy/node_modules"

cirrus=nodes/CirrusAssessment/actions/user/descriptions.ts
kmi=packages/n8n-nodes-kmi-learning/nodes/KmiLearning/actions/user/update.operation.ts
plant() { # file, original line, planted line(s): exactly one occurrence must change
  node -e '
    const fs = require("fs");
    const [file, from, to] = process.argv.slice(1);
    const text = fs.readFileSync(file, "utf8");
    if (text.split(from).length !== 2) { console.error(`lint canary: "${from}" is not once in ${file}`); process.exit(2); }
    fs.writeFileSync(file, text.replace(from, to));
  ' "$copy/$1" "$2" "$3"
}
plant "$cirrus" "displayName: 'Last Name'," "displayName: 'last name',"
plant "$kmi" "displayName: 'City'," "// eslint-disable-next-line n8n-nodes-base/node-param-display-name-miscased
				displayName: 'city',"

lint_command="$(node -p "require('./package.json').scripts.lint.split(' && ')[0]")"
set +e
report="$(cd "$copy" && eval "npx --no-install $lint_command" 2>&1)"
status=$?
set -e
for file in "$cirrus" "$kmi"; do
  if ! grep -A3 -F "$file" <<<"$report" | grep -q 'node-param-display-name-miscased'; then
    echo "lint canary: the violation planted in $file was not reported (eslint exit $status):" >&2
    echo "$report" >&2
    exit 1
  fi
done
[ "$status" -ne 0 ] || { echo "lint canary: eslint reported the planted violations but exited 0" >&2; exit 1; }
echo "lint canary: both planted violations reported (eslint exit $status), the one under eslint-disable too"
