/**
 * `compare` and `bench` with a `llamacpp` model: start the built-in engine before the run — so its start-up never
 * lands in a model's time to first token — and stop it afterwards.
 */
import type { ResolvedModel } from '../core/providers/registry';
import type { CliContext } from './context';
import type { CliIO } from './io';

export async function withEngineFor<T>(ctx: CliContext, models: readonly ResolvedModel[], io: CliIO, run: () => Promise<T>): Promise<T> {
  if (!ctx.engine || !models.some((m) => m.slot.provider === 'llamacpp')) return run();
  try {
    io.stderr.write('Starting the built-in engine…\n');
    const { baseUrl } = await ctx.engine.engine().ensureStarted();
    io.stderr.write(`Built-in engine ready at ${baseUrl}.\n`);
    return await run();
  } finally {
    await ctx.engine.stop();
  }
}
