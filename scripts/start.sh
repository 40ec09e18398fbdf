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
