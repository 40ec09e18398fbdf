/**
 * The `llm-compare` command: the same core as the extension, headless. Exit codes: 0 every model answered,
 * 1 a model failed (the others still print), 2 bad usage or configuration.
 */
import type { ContextResolver } from './context';
import type { CliIO } from './io';
import { VERSION } from './version';

const USAGE = `llm-compare ${VERSION}: compare an online model (Hugging Face) and local models (Ollama) for code.

Commands:
  compare "<prompt>"   every configured model at once; text, md, json or html report
  models               what each configured model is, and whether it is reachable
  bench                benchmark suites × models × repeats, optionally scoring the code by running tests
  engine status|pull|start|stop  the built-in engine (llama.cpp's llama-server) for "llamacpp" models
  serve                HTTP endpoint: POST /generate, POST /compare, GET /openapi.json (127.0.0.1 only by default)
  votes                blind votes exported from VS Code: list, leaderboard, export (JSON/CSV)

Environment: HF_API_KEY (or HF_TOKEN), OLLAMA_HOST, HF_ENDPOINT_URL, HF_PROVIDER, HF_ROUTER_URL, HF_HUB_URL, LLM_COMPARE_TOKEN (serve), LLM_COMPARE_DEBUG=1.
"llm-compare <command> --help" shows a command's options.`;

/**
 * The sub-commands load on demand: `--version` and the usage text stay as cheap as a bare node start. In the build
 * they are a bundle of their own, dist/cli-commands.js, so a start does not even parse them (esbuild.config.mjs);
 * this file therefore imports nothing with state (the secrets `redact` knows live in that bundle). A `require`,
 * not `import()`: the tests run these sources under a require hook that a native `import()` would bypass.
 */
const loadCommands = (): typeof import('./commands') => require('./commands') as typeof import('./commands');

export async function main(argv: string[], io: CliIO, readStdin: () => Promise<string>, resolve?: ContextResolver): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.stdout.write(USAGE + '\n');
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-v') {
    io.stdout.write(VERSION + '\n');
    return 0;
  }
  return loadCommands().runCommand(command, rest, io, readStdin, resolve);
}

/** One question on stderr, one line of answer from the terminal; Ctrl+C or end of input answers null. */
async function askAtTerminal(question: string): Promise<string | null> {
  const readline = require('node:readline') as typeof import('node:readline');
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  return new Promise((resolve) => {
    let answered = false;
    const finish = (answer: string | null) => {
      if (answered) return;
      answered = true;
      rl.close();
      resolve(answer);
    };
    rl.once('SIGINT', () => {
      process.stderr.write('\n');
      finish(null);
    });
    rl.once('close', () => finish(null));
    rl.question(question, (answer) => finish(answer));
  });
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.toString();
  return text;
}

if (require.main === module) {
  const aborter = new AbortController();
  let interrupted = false;
  process.on('SIGINT', () => {
    // First Ctrl+C stops the models cleanly (the servers stop too); a second one exits at once.
    if (interrupted) process.exit(130);
    interrupted = true;
    aborter.abort();
  });
  const io: CliIO = { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: aborter.signal, ...(process.stdin.isTTY ? { ask: askAtTerminal } : {}) };
  main(process.argv.slice(2), io, () => readAll(process.stdin)).then(
    (code) => {
      process.exitCode = interrupted && code === 0 ? 130 : code;
    },
    (e) => {
      process.stderr.write(loadCommands().failureLine(e));
      process.exitCode = 1;
    },
  );
}
