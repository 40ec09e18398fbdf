/**
 * One stream, three ways, each timed the same way (wall clock from the call, CPU time of this process):
 * the raw `ollama` client, the raw `@huggingface/inference` client, and ours (the whole path a user's request takes:
 * registry → provider → comparison run → events, as the CLI and the panel consume it).
 */
import { InferenceClient } from '@huggingface/inference';
import { Ollama } from 'ollama';
import { startComparison } from '../../src/core/compare/run';
import { ModelRegistry } from '../../src/core/providers/registry';
import { validateSettings } from '../../src/core/settings';

export interface StreamSample {
  tokens: number;
  ttftMs: number | null;
  wallMs: number;
  cpuUs: number;
}

export interface SimUrls {
  ollama: string;
  huggingface: string;
}

const PROMPT = 'Write a function that adds two numbers.';
const MAX_TOKENS = 32_768;

class Timer {
  private readonly t0 = performance.now();
  private readonly cpu0 = process.cpuUsage();
  private first: number | null = null;
  tokens = 0;

  token(): void {
    if (this.first === null) this.first = performance.now();
    this.tokens++;
  }

  end(): StreamSample {
    const wall = performance.now() - this.t0;
    const cpu = process.cpuUsage(this.cpu0);
    return { tokens: this.tokens, ttftMs: this.first === null ? null : this.first - this.t0, wallMs: wall, cpuUs: cpu.user + cpu.system };
  }
}

export type Runner = (model: string) => Promise<StreamSample>;

export function rawOllama(urls: SimUrls): Runner {
  const client = new Ollama({ host: urls.ollama });
  return async (model) => {
    const timer = new Timer();
    const stream = await client.chat({ model, messages: [{ role: 'user', content: PROMPT }], stream: true });
    for await (const part of stream) if (part.message?.content) timer.token();
    return timer.end();
  };
}

export function rawHf(urls: SimUrls): Runner {
  const client = new InferenceClient(undefined, { endpointUrl: `${urls.huggingface}/v1` });
  return async (model) => {
    const timer = new Timer();
    const stream = client.chatCompletionStream({ model, messages: [{ role: 'user', content: PROMPT }], max_tokens: MAX_TOKENS });
    for await (const chunk of stream) if (chunk.choices?.[0]?.delta?.content) timer.token();
    return timer.end();
  };
}

/** Our registry over both simulators; slot ids are `<provider>:<model>`. */
export function ourRegistry(urls: SimUrls, models: readonly string[]): ModelRegistry {
  const slots = models.flatMap((model) => [
    { id: `ollama-${model}`, label: model, provider: 'ollama', model, maxTokens: MAX_TOKENS },
    { id: `huggingface-${model}`, label: model, provider: 'huggingface', model, maxTokens: MAX_TOKENS },
  ]);
  const settings = validateSettings({ models: slots, defaultModel: slots[0].id, ollama: { host: urls.ollama }, huggingface: { endpointUrl: `${urls.huggingface}/v1` } });
  return new ModelRegistry(settings, {});
}

/** Ours, through a comparison run of the given slots (one slot: a single stream). */
export function ours(registry: ModelRegistry, provider: 'ollama' | 'huggingface'): Runner {
  return async (model) => {
    const timer = new Timer();
    const run = startComparison({ prompt: PROMPT, models: registry.select([`${provider}-${model}`]) });
    for await (const event of run.events) if (event.type === 'delta') timer.token();
    const report = await run.done;
    const error = report.results.find((r) => r.error)?.error;
    if (error) throw new Error(`${provider} ${model}: ${error.message}`);
    return timer.end();
  };
}

/** Several slots at once through one comparison run; wall time until every slot is done. */
export async function oursTogether(registry: ModelRegistry, ids: string[]): Promise<number> {
  const t0 = performance.now();
  const report = await startComparison({ prompt: PROMPT, models: registry.select(ids) }).done;
  const error = report.results.find((r) => r.error)?.error;
  if (error) throw new Error(`parallel: ${error.message}`);
  return performance.now() - t0;
}
