/**
 * A process that owns a built-in engine and then idles, for the tests that kill the owner (SIGTERM, SIGKILL, …) and
 * look for a surviving llama-server. Usage: ENGINE_OWNER_MODEL=<model.gguf> node -r tsx/cjs test/support/engine-owner.ts
 * <llama-server> (the model comes by environment so that only the server's command line names it). Prints
 * "ready <engine pid>" once the engine answers.
 */
import { LlamaEngine } from '../../src/core/engine/engine';

const [binary] = process.argv.slice(2);
const model = process.env.ENGINE_OWNER_MODEL ?? '';
const engine = new LlamaEngine({ binary, model, threads: 1, contextSize: 512, gpuLayers: 0, port: 0 });
engine.ensureStarted().then(
  () => {
    process.stdout.write(`ready ${engine.pid()}\n`);
    setInterval(() => undefined, 60_000); // idle until killed
  },
  (e: unknown) => {
    process.stderr.write(`engine failed: ${(e as Error).message}\n`);
    process.exit(1);
  },
);
