#!/usr/bin/env bash
# All the tests, on a fresh machine: installs what they need (Debian packages, npm packages, code-server for the
# real-VS-Code tests), then type-check, build, unit tests, and the tests in a real VS Code (code-server + Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm test
npm run test:e2e
