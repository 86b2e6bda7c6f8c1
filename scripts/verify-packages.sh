#!/usr/bin/env bash
# Each package as n8n's verification would see it, after `npm run build`: packed, linted the way n8n's
# scanner lints the tarball and the source (scripts/scanner-parity.mjs), checked for what must not ship,
# and published with --dry-run. Also: package metadata defined once (scripts/package-meta.mjs), the
# release check refusing what it must (scripts/check-release-selftest.mjs), the GitHub workflow files
# valid (scripts/lint-workflows.sh), and `npm run lint` seeing a violation planted in a field
# (scripts/lint-canary.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
node scripts/package-meta.mjs
node scripts/check-release-selftest.mjs
bash scripts/lint-workflows.sh
bash scripts/lint-canary.sh
packed="$(mktemp -d)"
trap 'rm -rf "$packed"' EXIT
for dir in $(node --input-type=module -e "import { PACKAGE_DIRS } from './scripts/packages.mjs'; console.log(PACKAGE_DIRS.join(' '))"); do
  name=$(node -p "require('./$dir/package.json').name")
  tarball="$packed/$(cd "$dir" && npm pack --pack-destination "$packed" --silent | tail -n 1)"
  echo "== $name ($tarball)"
  listing="$(tar tzf "$tarball")"
  # No source maps, type declarations or stray package.json: the sources do not ship.
  if grep -E '\.(map|d\.ts)$|^package/dist/.*package\.json$' <<<"$listing"; then
    echo "$name: the tarball ships files above that it must not" >&2
    exit 1
  fi
  grep -qx 'package/LICENSE' <<<"$listing" || { echo "$name: no LICENSE in the tarball" >&2; exit 1; }
  node scripts/scanner-parity.mjs "$dir" "$tarball"
  (cd "$dir" && npm publish --dry-run --access public 2>&1 | tail -n 3)
done
