/**
 * Starts the Ollama and Hugging Face simulators together, for the end-to-end tests and for demos
 * (`scripts/start.sh --simulators`). These are test doubles: every answer is scripted, none comes from a model.
 *
 *   npx tsx test/support/sim-server.ts [script.json]
 *
 * script.json: `{ "ollama": <SimScript>, "huggingface": <HfSimScript> }` (either may be left out). Prints one JSON
 * line `{"ollama": url, "huggingface": url}` once both listen, then runs until SIGINT / SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { startHfSim, type HfSim, type HfSimScript } from './hf-sim';
import { demoBenchAnswer, type DemoPersona } from './demo-answers';
import { startOllamaSim, type OllamaSim, type SimScript } from './ollama-sim';
import type { SimGenerateRequest } from './ollama-sim-types';

export interface SimulatorsScript {
  ollama?: SimScript;
  huggingface?: HfSimScript;
}

export interface Simulators {
  ollama: OllamaSim;
  huggingface: HfSim;
  close(): Promise<void>;
}

const DEMO_CODE = 'Here is a version:\n\n```python\ndef fizzbuzz(n: int) -> str:\n    """FizzBuzz for one number."""\n    if n % 15 == 0:\n        return "FizzBuzz"\n    if n % 3 == 0:\n        return "Fizz"\n    if n % 5 == 0:\n        return "Buzz"\n    return str(n)\n```\n\nIt checks 15 first so that multiples of both print FizzBuzz.';

const DEMO_EXPLANATION = 'This function returns **Fizz**, **Buzz** or **FizzBuzz** for multiples of 3, 5 and 15, and the number itself otherwise. Checking 15 first matters: otherwise multiples of 15 would stop at "Fizz".';

/** A reply that answers the benchmark's built-in tasks as the persona would, and anything else with `other`. */
function demoReply(persona: DemoPersona, other: string): (req: SimGenerateRequest) => string {
  return (req) => demoBenchAnswer(persona, req.messages.map((m) => m.content).join('\n')) ?? other;
}

/**
 * A script that makes every feature visible: one local model installed, one to pull, an online model answering.
 * In the benchmark the online model is the careful one and the local ones make typical mistakes (demo-answers.ts).
 */
export function defaultScript(options: { paced?: boolean } = {}): SimulatorsScript {
  // Paced like a model typing, for people watching; tests may drop the pace (same answers, no waiting).
  const pace = (ms: number) => (options.paced === false ? 0 : ms);
  return {
    ollama: {
      version: '0.12.6',
      models: [{ name: 'codellama:7b', reply: demoReply('sloppy', DEMO_CODE), paceMs: pace(40) }],
      pulls: { 'qwen2.5-coder:3b': { layers: [1_929_000_000, 7_020, 6_930], steps: 12, paceMs: 250, installs: { name: 'qwen2.5-coder:3b', reply: demoReply('sloppy', DEMO_CODE), paceMs: pace(25) } } },
    },
    huggingface: {
      chat: (req) => {
        const messages = (req.body as { messages?: Array<{ content?: unknown }> } | undefined)?.messages ?? [];
        const prompt = messages.map((m) => (typeof m.content === 'string' ? m.content : '')).join('\n');
        return { text: demoBenchAnswer('careful', prompt) ?? DEMO_EXPLANATION, chunkDelayMs: pace(30) };
      },
    },
  };
}

export async function startSimulators(script: SimulatorsScript = defaultScript()): Promise<Simulators> {
  const ollama = await startOllamaSim(script.ollama ?? {});
  const huggingface = await startHfSim(script.huggingface ?? {});
  return { ollama, huggingface, close: async () => void (await Promise.all([ollama.close(), huggingface.close()])) };
}

async function main(): Promise<void> {
  const file = process.argv[2];
  const script = file ? (JSON.parse(readFileSync(file, 'utf8')) as SimulatorsScript) : defaultScript();
  const sims = await startSimulators(script);
  console.log(JSON.stringify({ ollama: sims.ollama.url, huggingface: sims.huggingface.url }));
  const stop = () => void sims.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) void main();
