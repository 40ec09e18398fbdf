/**
 * Entry point of a bundle built the way dist/ is built (the same esbuild plugins), run in a child process by
 * test/unit/bundle.test.ts: streams one answer through each Hugging Face routing mode and Ollama, from the
 * simulators whose URLs arrive as argv[2] (JSON), and prints what it got as one JSON line. It proves that what the
 * bundles leave out of the dependencies (scripts/esbuild-shake.mjs) is nothing the providers call.
 */
import { HuggingFaceProvider } from '../../src/core/providers/huggingface';
import { OllamaProvider } from '../../src/core/providers/ollama';
import type { ModelSlot, Provider } from '../../src/core/providers/types';

interface ProbeInput {
  hf: string;
  ollama: string;
  token: string;
}

interface ProbeResult {
  name: string;
  text: string;
  error: string | null;
}

async function run(name: string, provider: Provider, slot: ModelSlot): Promise<ProbeResult> {
  let text = '';
  try {
    for await (const e of provider.stream(slot, { messages: [{ role: 'user', content: 'hi' }] })) if (e.type === 'delta') text += e.text;
    return { name, text, error: null };
  } catch (e) {
    return { name, text, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2]) as ProbeInput;
  const hfSlot: ModelSlot = { id: 'hf', label: 'hf', provider: 'huggingface', model: 'Qwen/Qwen2.5-Coder-32B-Instruct', maxTokens: 64 };
  const router = (provider: string) => new HuggingFaceProvider({ token: input.token, provider, routerUrl: input.hf, hubUrl: input.hf });
  const results = [
    await run('hf auto', router('auto'), hfSlot),
    await run('hf together', router('together'), hfSlot),
    await run('hf hf-inference', router('hf-inference'), hfSlot),
    await run('hf endpoint', new HuggingFaceProvider({ token: input.token, provider: 'auto', endpointUrl: `${input.hf}/v1` }), hfSlot),
    await run('ollama', new OllamaProvider({ host: input.ollama }), { id: 'o', label: 'o', provider: 'ollama', model: 'codellama:7b', maxTokens: 64 }),
  ];
  process.stdout.write(`${JSON.stringify(results)}\n`);
}

void main();
