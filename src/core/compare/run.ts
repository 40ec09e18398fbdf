/**
 * Fans one prompt out to N model slots and merges their streams into one event stream. Each slot has its own
 * AbortController (so one column can be stopped) linked to the run's signal (so Stop-all stops every server).
 */
import { toLlmError } from '../providers/errors';
import { locationOfSlot } from '../providers/location';
import type { ResolvedModel } from '../providers/registry';
import type { ChatMessage, GenerateRequest, ServerMetrics } from '../providers/types';
import { warmUpHttp } from './http-warm-up';
import { GenerationClock, monotonicClock } from './metrics';
import { EventQueue } from './queue';
import { costOfMetrics, type PriceQuote } from '../cost/price';
import type { Clock, CompareEvent, ComparisonReport, RunMode, SlotResult } from './types';

export interface CompareOptions {
  /** A user prompt, or a whole conversation. */
  prompt: string | ChatMessage[];
  models: ResolvedModel[];
  mode?: RunMode;
  signal?: AbortSignal;
  clock?: Clock;
  /** Per-request overrides of every slot's options (bench: fixed temperature and seed). */
  overrides?: Pick<GenerateRequest, 'maxTokens' | 'temperature' | 'seed'>;
}

export interface Comparison {
  /** All events of all slots, in arrival order; ends after every slot's `done`. Iterate once. */
  readonly events: AsyncIterable<CompareEvent>;
  /** Resolves when every slot is done, with results in the order of `models`. Never rejects. */
  readonly done: Promise<ComparisonReport>;
  /** Stops one slot, or every slot when no id is given. The servers stop generating. */
  cancel(slotId?: string): void;
}

export function toMessages(prompt: string | ChatMessage[]): ChatMessage[] {
  return typeof prompt === 'string' ? [{ role: 'user', content: prompt }] : prompt;
}

export function promptText(prompt: string | ChatMessage[]): string {
  return typeof prompt === 'string' ? prompt : prompt.filter((m) => m.role === 'user').map((m) => m.content).join('\n\n');
}

/** Starts the comparison at once; consume `events` for live updates or just await `done`. */
export function startComparison(options: CompareOptions): Comparison {
  const queue = new EventQueue<CompareEvent>();
  const controllers = new Map(options.models.map((m) => [m.slot.id, new AbortController()]));
  const onRunAbort = () => controllers.forEach((c) => c.abort());
  if (options.signal?.aborted) onRunAbort();
  options.signal?.addEventListener('abort', onRunAbort, { once: true });

  const runOne = (m: ResolvedModel) =>
    runSlot(m, options, controllers.get(m.slot.id)!.signal, (e) => queue.push(e));

  const results: Promise<SlotResult[]> =
    options.mode === 'sequential'
      ? runInTurn(options.models, controllers, runOne, (e) => queue.push(e))
      : Promise.all(options.models.map(runOne));

  const done = results.then((r) => {
    options.signal?.removeEventListener('abort', onRunAbort);
    queue.close();
    return { prompt: promptText(options.prompt), results: r };
  });

  return {
    events: queue,
    done,
    cancel(slotId?: string) {
      if (slotId === undefined) controllers.forEach((c) => c.abort());
      else controllers.get(slotId)?.abort();
    },
  };
}

/**
 * "One after another": every slot is queued at once, then run in turn. A queued slot that is stopped ends there and
 * then (its `done` says cancelled) and its request is never sent; the loop skips it when its turn comes.
 */
async function runInTurn(
  models: ResolvedModel[],
  controllers: Map<string, AbortController>,
  runOne: (m: ResolvedModel) => Promise<SlotResult>,
  emit: (e: CompareEvent) => void,
): Promise<SlotResult[]> {
  const endedInQueue = new Map<string, SlotResult>();
  const unsubscribe = new Map<string, () => void>();
  for (const model of models) {
    const { slot } = model;
    emit({ type: 'status', slotId: slot.id, phase: 'queued' });
    const signal = controllers.get(slot.id)!.signal;
    const onAbort = () => {
      const result = cancelledBeforeStart(model);
      endedInQueue.set(slot.id, result);
      emit({ type: 'done', slotId: slot.id, result });
    };
    if (signal.aborted) onAbort();
    else {
      signal.addEventListener('abort', onAbort, { once: true });
      unsubscribe.set(slot.id, () => signal.removeEventListener('abort', onAbort));
    }
  }
  const out: SlotResult[] = [];
  for (const m of models) {
    unsubscribe.get(m.slot.id)?.();
    out.push(endedInQueue.get(m.slot.id) ?? (await runOne(m)));
  }
  return out;
}

/** The result of a slot stopped while it waited its turn: nothing was sent, so nothing was measured. */
function cancelledBeforeStart({ slot, endpoint }: ResolvedModel): SlotResult {
  return {
    id: slot.id,
    label: slot.label,
    provider: slot.provider,
    model: slot.model,
    text: '',
    finishReason: null,
    location: locationOfSlot(slot, endpoint ?? slot.endpoint),
    error: { kind: 'cancelled', message: 'Stopped while queued: no request was sent.' },
    metrics: { ttftMs: null, totalMs: null, outputTokens: null, tokensPerSecond: null, rateSource: null, chars: 0, tokenSource: 'estimate', server: null },
  };
}

/** Runs one slot to completion, emitting its events; never throws (errors become the result's `error`). */
async function runSlot(
  { slot, provider, endpoint, quote }: ResolvedModel,
  options: CompareOptions,
  signal: AbortSignal,
  emit: (e: CompareEvent) => void,
): Promise<SlotResult> {
  // The clock starts when the request is sent, never while Node sets up its HTTP client (first run of a process).
  const warming = warmUpHttp({ tls: locationOfSlot(slot, endpoint ?? slot.endpoint) === 'online' });
  if (warming) await warming;
  const clock = new GenerationClock(options.clock ?? monotonicClock);
  let text = '';
  let reasoning = '';
  let serverTokens: number | null = null;
  let server: ServerMetrics | null = null;
  let finishReason: string | null = null;
  let notStreamed = false;
  let error: SlotResult['error'] = null;
  let streaming = false;
  // The price is looked up while the model answers, so it costs the user no time.
  const pricing = quote ? quote().catch(() => null) : Promise.resolve(null);
  emit({ type: 'status', slotId: slot.id, phase: 'connecting' });
  try {
    if (signal.aborted) throw new DOMException('Aborted', 'AbortError');
    const request: GenerateRequest = { messages: toMessages(options.prompt), signal, ...options.overrides, onSent: (moment) => clock.onSent(moment) };
    for await (const ev of provider.stream(slot, request)) {
      if (ev.type === 'delta') {
        if (!streaming && ev.text.length > 0) {
          streaming = true;
          emit({ type: 'status', slotId: slot.id, phase: 'streaming' });
        }
        clock.onText(ev.text);
        text += ev.text;
        emit({ type: 'delta', slotId: slot.id, text: ev.text });
      } else if (ev.type === 'reasoning') {
        clock.onReasoning(ev.text);
        reasoning += ev.text;
        emit({ type: 'reasoning', slotId: slot.id, text: ev.text });
      } else if (ev.type === 'status') {
        const phase = ev.status === 'waiting' ? 'waiting' : 'connecting';
        emit({ type: 'status', slotId: slot.id, phase, detail: ev.detail, retryInMs: ev.retryInMs, attempt: ev.attempt });
      } else {
        serverTokens = ev.outputTokens;
        server = ev.server;
        finishReason = ev.finishReason ?? null;
        notStreamed = ev.notStreamed === true;
      }
    }
  } catch (e) {
    const err = toLlmError(e);
    error = { kind: err.kind, message: err.message, ...(err.fix ? { fix: err.fix } : {}), ...(err.keySlot ? { keySlot: err.keySlot } : {}), ...(typeof err.details.retryAfterMs === 'number' ? { retryAfterMs: err.details.retryAfterMs } : {}) };
  }
  clock.end();
  const metrics = clock.metrics(serverTokens, server, notStreamed);
  const result: SlotResult = {
    id: slot.id,
    label: slot.label,
    provider: slot.provider,
    model: slot.model,
    text,
    ...(reasoning ? { reasoning } : {}),
    finishReason,
    location: locationOfSlot(slot, endpoint ?? slot.endpoint),
    error,
    metrics: { ...metrics, ...costOfMetrics(await withinMs(pricing, PRICE_WAIT_MS), metrics) },
  };
  emit({ type: 'done', slotId: slot.id, result });
  return result;
}

/** After the answer ended, a price lookup still pending gets this long before the cost is given as unknown. */
const PRICE_WAIT_MS = 2_000;

function withinMs(p: Promise<PriceQuote | null>, ms: number): Promise<PriceQuote | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
