/**
 * `compare` and `bench` with a `llamacpp` model: start the built-in engine before the run — so its start-up never
 * lands in a model's time to first token — and stop it afterwards.
 */
import type { ResolvedModel } from '../core/providers/registry';
import type { CliContext } from './context';
import type { CliIO } from './io';

/** Starts the engine when one of `models` needs it; the caller stops it (`ctx.engine.stop()`). */
export async function startEngineIfUsed(ctx: CliContext, models: readonly ResolvedModel[], io: CliIO): Promise<void> {
  if (!ctx.engine || !models.some((m) => m.slot.provider === 'llamacpp')) return;
  io.stderr.write('Starting the built-in engine…\n');
  const { baseUrl } = await ctx.engine.engine().ensureStarted();
  io.stderr.write(`Built-in engine ready at ${baseUrl}.\n`);
}

export async function withEngineFor<T>(ctx: CliContext, models: readonly ResolvedModel[], io: CliIO, run: () => Promise<T>): Promise<T> {
  try {
    await startEngineIfUsed(ctx, models, io);
    return await run();
  } finally {
    await ctx.engine?.stop();
  }
}
