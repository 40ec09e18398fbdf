/**
 * The "request sent" moment (issue 12): each provider says when it hands its chat request to fetch, before the
 * server has seen it, and again when Node's HTTP client has written the request's headers to the connection (after
 * connecting), before any answer text; the generation clock measures time to first token from the latest of these
 * (client set-up, ours or Node's, is not the model's) and the total from the start (all the time the user waited).
 */
import assert from 'node:assert/strict';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { GenerationClock } from '../../src/core/compare/metrics';
import { OllamaProvider } from '../../src/core/providers/ollama';
import { OpenAiProvider } from '../../src/core/providers/openai';
import type { SentMoment, StreamEvent } from '../../src/core/providers/types';
import { hfLoading, type HfSim } from '../support/hf-sim';
import { startOllamaSim, type OllamaSim } from '../support/ollama-sim';
import { ollamaSlot } from '../support/ollama-sim-kit';
import { collect, request, routerProvider, slot, useHfSim } from './huggingface.helpers';

/** Records onSent calls, stream events and what Node's HTTP client reports (a new connection) in one timeline. */
function timeline() {
  const log: string[] = [];
  const connected = () => log.push('connected');
  subscribe('undici:client:connected', connected);
  return {
    log,
    onSent: (moment: SentMoment) => log.push(`sent:${moment}`),
    see: (e: StreamEvent) => log.push(e.type),
    stop: () => unsubscribe('undici:client:connected', connected),
  };
}

describe('request sent: the moment time to first token starts', () => {
  it('the clock measures time to first token (and first thinking) from "sent", the total from the start', () => {
    let now = 0;
    const clock = new GenerationClock(() => now);
    now = 38; // client set-up, first-run JIT: ours
    clock.onSent('handed');
    now = 40; // Node connects, writes the headers
    clock.onSent('written');
    now = 55;
    clock.onSent('handed'); // a retry keeps waiting: the first send counts
    clock.onSent('written');
    now = 60;
    clock.onReasoning('hmm');
    now = 100;
    clock.onText('x');
    now = 150;
    clock.end();
    const m = clock.metrics(1, null);
    assert.equal(m.ttftMs, 60);
    assert.equal(m.firstReasoningMs, 20);
    assert.equal(m.totalMs, 150);
    assert.equal(clock.metrics(1, null, true).ttftMs, 150, 'not streamed: the first token is the whole answer, so TTFT = total');
  });

  it('a first attempt that never left (connection refused): the retry does not restart the clock', () => {
    let now = 0;
    const clock = new GenerationClock(() => now);
    now = 10;
    clock.onSent('handed');
    now = 30;
    clock.onSent('handed');
    now = 35;
    clock.onSent('written');
    now = 100;
    clock.onText('x');
    clock.end();
    assert.equal(clock.metrics(1, null).ttftMs, 90);
  });

  it('a provider that never says falls back to the start, as before', () => {
    let now = 0;
    const clock = new GenerationClock(() => now);
    now = 100;
    clock.onText('x');
    clock.end();
    assert.equal(clock.metrics(1, null).ttftMs, 100);
  });

  describe('Ollama', () => {
    let sim: OllamaSim;
    beforeEach(async () => {
      sim = await startOllamaSim();
    });
    afterEach(() => sim.close());

    it('says handed before the server sees the request, written once connected, both before any text', async () => {
      sim.setScript({ models: [{ name: 'codellama:7b', tokens: ['a', 'b'], paceMs: 5 }] });
      const t = timeline();
      let seenBySim = -1;
      const onSent = (moment: SentMoment) => {
        if (moment === 'handed') seenBySim = sim.streams.length;
        t.onSent(moment);
      };
      try {
        for await (const e of new OllamaProvider({ host: sim.url }).stream(ollamaSlot('codellama:7b'), { messages: [{ role: 'user', content: 'hi' }], onSent })) t.see(e);
      } finally {
        t.stop();
      }
      assert.equal(seenBySim, 0, 'the server had not received it yet');
      // A fresh server, so a new connection: Node's set-up falls between the two marks, not after "sent".
      assert.deepEqual(t.log, ['status', 'sent:handed', 'connected', 'sent:written', 'delta', 'delta', 'done']);
    });
  });

  describe('Hugging Face and OpenAI-compatible', () => {
    let sim: HfSim;
    useHfSim((started) => (sim = started));
    const chats = () => sim.requests.filter((r) => r.kind === 'chat').length;

    it('Hugging Face says sent once per attempt, each before that request reaches the server', async () => {
      sim.setScript({ chat: [hfLoading(1), { text: 'ready now' }] });
      const t = timeline();
      const chatsAtSent: number[] = [];
      const onSent = (moment: SentMoment) => {
        if (moment === 'handed') chatsAtSent.push(chats());
        t.onSent(moment);
      };
      const c = await collect(routerProvider(sim, { sleep: async () => undefined }).stream(slot(), request({ onSent })), t.see).finally(t.stop);
      assert.equal(c.error, null);
      assert.deepEqual(chatsAtSent, [0, 1], 'each attempt is handed over before the server has it');
      const sent = t.log.filter((x) => x.startsWith('sent:'));
      assert.deepEqual(sent, ['sent:handed', 'sent:written', 'sent:handed', 'sent:written'], t.log.join(' '));
      const firstDelta = t.log.indexOf('delta');
      assert.ok(firstDelta > t.log.lastIndexOf('sent:written'), t.log.join(' '));
    });

    it('an OpenAI-compatible server: sent, then the answer', async () => {
      sim.setScript({ chat: [{ text: 'hello' }] });
      const t = timeline();
      const provider = new OpenAiProvider({});
      const c = await collect(provider.stream(slot({ provider: 'openai', endpoint: `${sim.url}/v1` }), request({ onSent: t.onSent })), t.see).finally(t.stop);
      assert.equal(c.error, null);
      assert.equal(c.text, 'hello');
      assert.deepEqual(t.log.filter((x) => x.startsWith('sent:')), ['sent:handed', 'sent:written']);
      assert.ok(t.log.indexOf('sent:written') < t.log.indexOf('delta'), t.log.join(' '));
    });
  });
});
