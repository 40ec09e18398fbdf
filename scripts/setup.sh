#!/usr/bin/env bash
# Idempotent set-up for a fresh machine (Node 20 + npm present): npm dependencies, the bundle, bubblewrap (the
# sandbox the benchmark runs model-written code in), and what the real-VS-Code tests and the demo need (Debian's
# Chromium, code-server pinned in test/e2e/code-server).
set -euo pipefail
cd "$(dirname "$0")/.."
# bubblewrap: the unit tests run hostile code through it, so a machine without it must not pass silently.
if [ "$(uname -s)" = Linux ] && ! command -v bwrap >/dev/null; then
  if command -v apt-get >/dev/null; then
    echo '[setup] apt-get install bubblewrap'
    SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq bubblewrap
  else
    echo '[setup] bubblewrap (bwrap) is missing: install it with your package manager (dnf/pacman/zypper install bubblewrap)' >&2
    exit 1
  fi
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
if [ -f scripts/setup-e2e.sh ]; then bash scripts/setup-e2e.sh; fi
npm run build
