#!/usr/bin/env bash
# Idempotent set-up for a fresh machine (Node 20 + npm present): npm dependencies, the bundle, and what the
# real-VS-Code tests and the demo need (Debian's Chromium, code-server pinned in test/e2e/code-server).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
if [ -f scripts/setup-e2e.sh ]; then bash scripts/setup-e2e.sh; fi
npm run build
