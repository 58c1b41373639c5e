#!/bin/sh
# Installs what the workspace needs on a machine that has only Node.js and npm:
# the pnpm version pinned in package.json's `packageManager`, then the locked
# dependencies. Safe to run again.
set -eu
cd "$(dirname "$0")/.."

pinned=$(node -p 'require("./package.json").packageManager.replace(/^pnpm@/, "")')
current=$(pnpm --version 2>/dev/null || true)
if [ "$current" != "$pinned" ]; then
  echo "bootstrap: installing pnpm $pinned (found: ${current:-none})"
  npm install --global --no-fund --no-audit "pnpm@$pinned"
fi

pnpm install --frozen-lockfile
