/**
 * The sub-commands, loaded by main.ts only once a command is known: `llm-compare --version` and `--help` never pay
 * for the providers, the bench or the HTTP server (issue 12: a CLI start close to a bare `node` start).
 */
import { isLlmError } from '../core/providers/errors';
import { redact } from '../core/redact';
import { visibleControls } from '../core/terminal';
import { UsageError } from './args';
import { benchCommand, BENCH_USAGE } from './bench';
import { compareCommand, COMPARE_USAGE } from './compare';
import { resolveCliContext, type ContextResolver } from './context';
import { engineCommand, ENGINE_USAGE } from './engine';
import type { CliIO } from './io';
import { modelsCommand, MODELS_USAGE } from './models';
import { serveCommand, SERVE_USAGE } from './serve';
import { votesCommand, VOTES_USAGE } from './votes';

export interface Command {
  usage: string;
  run(args: string[], io: CliIO, resolve: ContextResolver, readStdin: () => Promise<string>): Promise<number>;
}

export const COMMANDS: Record<string, Command> = {
  compare: { usage: COMPARE_USAGE, run: compareCommand },
  models: { usage: MODELS_USAGE, run: (args, io, resolve) => modelsCommand(args, io, resolve) },
  serve: { usage: SERVE_USAGE, run: (args, io, resolve) => serveCommand(args, io, resolve) },
  bench: { usage: BENCH_USAGE, run: (args, io, resolve) => benchCommand(args, io, resolve) },
  engine: { usage: ENGINE_USAGE, run: (args, io, resolve) => engineCommand(args, io, resolve) },
  votes: { usage: VOTES_USAGE, run: (args, io) => votesCommand(args, io) },
};

/** Settings from flags, environment and config file: the resolver every command gets unless a test injects one. */
export function defaultResolver(io: CliIO): ContextResolver {
  return (flags) => resolveCliContext(flags, io);
}

/** Runs one sub-command: unknown commands, `--help` and failures become a message and an exit code. */
export async function runCommand(command: string, rest: string[], io: CliIO, readStdin: () => Promise<string>, resolve?: ContextResolver): Promise<number> {
  const known = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!known) return usageError(io, `Unknown command "${command}".`);
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(known.usage + '\n');
    return 0;
  }
  try {
    return await known.run(rest, io, resolve ?? defaultResolver(io), readStdin);
  } catch (e) {
    if (e instanceof UsageError || (isLlmError(e) && e.kind === 'config')) return usageError(io, (e as Error).message, known.usage);
    io.stderr.write(failureLine(e));
    return 1;
  }
}

/** The one line an unexpected failure prints: redacted, with no terminal control characters. */
export function failureLine(e: unknown): string {
  return `llm-compare: ${visibleControls(redact(e instanceof Error ? e.message : String(e)))}\n`;
}

function usageError(io: CliIO, message: string, usage = 'Run "llm-compare --help" for the commands.'): number {
  io.stderr.write(`llm-compare: ${visibleControls(redact(message))}\n${usage}\n`);
  return 2;
}
