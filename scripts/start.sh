#!/usr/bin/env bash
# The main job: install what is needed, build, and open LLM Compare in VS Code.
#   scripts/start.sh               desktop VS Code (`code`) when present, else code-server in your browser
#   scripts/start.sh --simulators  also start the test simulators and point the extension at them, for a demo
#                                  without Ollama or a Hugging Face key: every answer is then SCRIPTED, not a model.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
SIMS=false
for a in "$@"; do
  case "$a" in
    --simulators) SIMS=true ;;
    -h|--help) sed -n 2,6p "$0"; exit 0 ;;
    *) echo "unknown option: $a" >&2; exit 2 ;;
  esac
done
say() { printf '[start] %s\n' "$*"; }

# A fresh machine (no Ollama answering, no Hugging Face key in the environment) has nothing to compare: point to the
# built-in engine, with the download size the servers state now (or why it is unknown: never a guessed figure).
fresh_machine_hint() {
  local host=${OLLAMA_HOST:-http://127.0.0.1:11434}
  case "$host" in http://*|https://*) ;; *) host="http://$host" ;; esac
  if node -e "fetch(process.argv[1] + '/api/version', { signal: AbortSignal.timeout(3000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" "$host"; then return; fi
  if [ -n "${HF_API_KEY:-}${HF_TOKEN:-}" ]; then return; fi
  local size
  size=$(node dist/cli.js engine status --json 2>/dev/null | node -e '
    let t = ""; process.stdin.on("data", (c) => (t += c)).on("end", () => {
      let s; try { s = JSON.parse(t); } catch { return console.log("size unknown: engine status failed"); }
      if (!s.setup) return console.log(`size unknown: ${s.setupError}`);
      const b = s.setup.downloadBytes;
      console.log(b === null ? "size unknown: a server did not say" : b === 0 ? "already downloaded" : `downloads about ${Math.max(1, Math.round(b / 1e6))} MB`);
    });')
  say "no Ollama answers at $host and no Hugging Face key is set (HF_API_KEY / HF_TOKEN): no model can answer yet."
  say "Use the built-in engine (llama.cpp's server and a small model, downloaded once, with your consent):"
  say "  In VS Code: 'Use the built-in engine ($size)' in the comparison panel, or run: npx llm-compare engine pull"
}

[ -d node_modules ] || { say "npm ci"; npm ci --no-audit --no-fund; }
say "building"; npm run build >/dev/null

RUN=$(mktemp -d "${TMPDIR:-/tmp}/llm-compare-start.XXXX")
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill -- -"$p" 2>/dev/null || kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
ENV=()
if $SIMS; then
  setsid npx --no-install tsx test/support/sim-server.ts > "$RUN/sims.json" 2> "$RUN/sims.log" &
  PIDS+=($!)
  for _ in $(seq 1 100); do [ -s "$RUN/sims.json" ] && break; sleep 0.1; done
  OLLAMA_URL=$(node -p "require('$RUN/sims.json').ollama")
  HF_URL=$(node -p "require('$RUN/sims.json').huggingface")
  say "SIMULATORS running — answers are scripted test data, not real models:"
  say "  Ollama simulator       $OLLAMA_URL  (codellama:7b installed, qwen2.5-coder:3b pullable)"
  say "  Hugging Face simulator $HF_URL/v1"
  ENV=(OLLAMA_HOST="$OLLAMA_URL" HF_ENDPOINT_URL="$HF_URL/v1" HF_API_KEY=simulator-demo-key)
else
  say "using your real Ollama (llmCompare.ollama.host / OLLAMA_HOST) and Hugging Face key (run 'LLM Compare: Set Hugging Face API key')"
  fresh_machine_hint
fi

# The CLI shares the core: show what it sees (reachability of every configured model) and how to call it.
say "CLI: the configured models, as \`npx llm-compare models\` sees them now:"
env "${ENV[@]}" node dist/cli.js models || true
say "CLI: try  $( [ ${#ENV[@]} -gt 0 ] && printf '%s ' "${ENV[@]}")npx llm-compare compare \"Write a quick sort algorithm in Python.\""

if command -v code >/dev/null 2>&1; then
  say "opening desktop VS Code with the extension under development"
  env "${ENV[@]}" code --new-window --extensionDevelopmentPath="$ROOT" "$ROOT"
  $SIMS && { say "simulators keep running until you press Ctrl-C"; wait; }
  exit 0
fi

CS=test/e2e/code-server/node_modules/code-server
[ -f "$CS/out/node/entry.js" ] || { say "no 'code' on PATH: installing code-server (scripts/setup-e2e.sh)"; bash scripts/setup-e2e.sh; }
PORT=${PORT:-8080}
mkdir -p "$RUN/exts" "$RUN/ud/User"
ln -s "$ROOT" "$RUN/exts/llm-compare.llm-compare-0.1.0"   # the repository, unpacked, as an installed extension
echo '{"workbench.startupEditor":"none","telemetry.telemetryLevel":"off","git.openRepositoryInParentFolders":"never"}' > "$RUN/ud/User/settings.json"
env "${ENV[@]}" XDG_CONFIG_HOME="$RUN/cfg" XDG_DATA_HOME="$RUN/data" setsid node "$CS/out/node/entry.js" --auth none \
  --bind-addr "127.0.0.1:$PORT" --disable-telemetry --disable-update-check --disable-workspace-trust \
  --user-data-dir "$RUN/ud" --extensions-dir "$RUN/exts" "$ROOT" > "$RUN/code-server.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.2; done
say "VS Code (code-server) with LLM Compare: http://127.0.0.1:$PORT/   (Ctrl-C stops it; log: $RUN/code-server.log)"
wait
