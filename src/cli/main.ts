/**
 * The `llm-compare` command: the same core as the extension, headless. Exit codes: 0 every model answered,
 * 1 a model failed (the others still print), 2 bad usage or configuration.
 */
import { isLlmError } from '../core/providers/errors';
import { redact } from '../core/redact';
import { visibleControls } from '../core/terminal';
import { UsageError } from './args';
import { compareCommand, COMPARE_USAGE } from './compare';
import { resolveCliContext, type ContextResolver } from './context';
import type { CliIO } from './io';
import { modelsCommand, MODELS_USAGE } from './models';
import { serveCommand, SERVE_USAGE } from './serve';
import { VERSION } from './version';
import { benchCommand, BENCH_USAGE } from './bench';

const USAGE = `llm-compare ${VERSION}: compare an online model (Hugging Face) and local models (Ollama) for code.

Commands:
  compare "<prompt>"   every configured model at once; text, md, json or html report
  models               what each configured model is, and whether it is reachable
  bench                benchmark suites × models × repeats, optionally scoring the code by running tests
  serve                HTTP endpoint: POST /generate, POST /compare, GET /openapi.json (127.0.0.1 only by default)

Environment: HF_API_KEY (or HF_TOKEN), OLLAMA_HOST, HF_ENDPOINT_URL, HF_PROVIDER, HF_ROUTER_URL, HF_HUB_URL, LLM_COMPARE_TOKEN (serve), LLM_COMPARE_DEBUG=1.
"llm-compare <command> --help" shows a command's options.`;

const HELP: Record<string, string> = { compare: COMPARE_USAGE, models: MODELS_USAGE, serve: SERVE_USAGE, bench: BENCH_USAGE };

export async function main(argv: string[], io: CliIO, readStdin: () => Promise<string>, resolve?: ContextResolver): Promise<number> {
  const [command, ...rest] = argv;
  const resolver: ContextResolver = resolve ?? ((flags) => resolveCliContext(flags, io));
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.stdout.write(USAGE + '\n');
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-v') {
    io.stdout.write(VERSION + '\n');
    return 0;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    if (!HELP[command]) return usageError(io, `Unknown command "${command}".`);
    io.stdout.write(HELP[command] + '\n');
    return 0;
  }
  try {
    switch (command) {
      case 'compare':
        return await compareCommand(rest, io, resolver, readStdin);
      case 'models':
        return await modelsCommand(rest, io, resolver);
      case 'serve':
        return await serveCommand(rest, io, resolver);
      case 'bench':
        return await benchCommand(rest, io, resolver);
      default:
        return usageError(io, `Unknown command "${command}".`);
    }
  } catch (e) {
    if (e instanceof UsageError || (isLlmError(e) && e.kind === 'config')) return usageError(io, (e as Error).message, HELP[command]);
    io.stderr.write(`llm-compare: ${visibleControls(redact(e instanceof Error ? e.message : String(e)))}\n`);
    return 1;
  }
}

function usageError(io: CliIO, message: string, usage = 'Run "llm-compare --help" for the commands.'): number {
  io.stderr.write(`llm-compare: ${visibleControls(redact(message))}\n${usage}\n`);
  return 2;
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
  const io: CliIO = { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: aborter.signal };
  main(process.argv.slice(2), io, () => readAll(process.stdin)).then(
    (code) => {
      process.exitCode = interrupted && code === 0 ? 130 : code;
    },
    (e) => {
      process.stderr.write(`llm-compare: ${visibleControls(redact(String(e)))}\n`);
      process.exitCode = 1;
    },
  );
}
