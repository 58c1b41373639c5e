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

# The docs' browser test drives Debian's Chromium: Playwright cannot download
# its own browser here, and a system package needs no network at test time.
if [ ! -x /usr/bin/chromium ] && [ -z "${CHROMIUM_PATH:-}" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "bootstrap: installing Debian's chromium for the docs' browser test"
    if ! apt-cache show chromium >/dev/null 2>&1; then
      apt-get update -qq
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  else
    echo "bootstrap: /usr/bin/chromium is missing; the docs' browser test needs it." >&2
    echo "bootstrap: install it as root (apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary." >&2
  fi
fi
