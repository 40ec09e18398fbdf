/**
 * The hostile corpus through every output that is not the webview: the comparison report (Markdown and HTML), the
 * bench exports (Markdown and HTML), and the HTTP endpoint's html format. "Inert" is checked structurally: the
 * document built around a hostile answer has exactly the tags of the same document built around a harmless one
 * (so nothing from the answer became markup), and Markdown rendered by markdown-it with raw HTML allowed (the most
 * permissive viewer) keeps the answer inside its code block.
 */
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { toHtml as benchHtml } from '../../src/core/bench/export/html';
import { toMarkdown as benchMarkdown } from '../../src/core/bench/export/markdown';
import { startBench } from '../../src/core/bench/run';
import type { BenchReport } from '../../src/core/bench/types';
import { renderReport } from '../../src/core/compare/report';
import type { ComparisonReport } from '../../src/core/compare/types';
import { startHttpServer } from '../../src/core/http/server';
import { ModelRegistry } from '../../src/core/providers/registry';
import { validateSettings } from '../../src/core/settings';
import { FakeProvider, fakeModel } from '../support/fake-provider';
import { startOllamaSim, type OllamaSim } from '../support/ollama-sim';
import { HOSTILE_ANSWERS, tagSequence } from '../reliability/hostile-corpus';

const HARMLESS = 'just words';
const md = new MarkdownIt({ html: true, linkify: true });

function comparison(text: string): ComparisonReport {
  return {
    prompt: 'p',
    results: [{ id: 'a', label: 'A', provider: 'ollama', model: 'm', text, error: null, metrics: { ttftMs: 1, totalMs: 2, outputTokens: 3, tokensPerSecond: 4, chars: text.length, tokenSource: 'server', rateSource: 'client', server: null }, finishReason: 'stop', location: 'local' }],
  };
}

async function benchReport(text: string): Promise<BenchReport> {
  const p = new FakeProvider({ reply: () => text });
  return startBench({ suite: { name: 's', tasks: [{ kind: 'prompt', id: 't', prompt: 'p' }] }, models: [fakeModel('a', p)], probe: async () => null }).done;
}

describe('reliability: hostile answers stay inert in reports, exports and the HTTP endpoint', function () {
  this.timeout(60_000);
  it('the corpus has at least 30 answers', () => assert.ok(HOSTILE_ANSWERS.length >= 30));

  const htmlBaseline = tagSequence(renderReport(comparison(HARMLESS), 'html'));
  const mdBaseline = tagSequence(md.render(renderReport(comparison(HARMLESS), 'md')));
  let benchHtmlBaseline: string[] = [];
  let benchMdBaseline: string[] = [];
  before(async () => {
    const r = await benchReport(HARMLESS);
    benchHtmlBaseline = tagSequence(benchHtml(r, '/* renderer */', 'n'));
    benchMdBaseline = tagSequence(md.render(benchMarkdown(r)));
  });

  for (const h of HOSTILE_ANSWERS) {
    it(`${h.name}: compare html/md and bench html/md are inert`, async () => {
      assert.deepEqual(tagSequence(renderReport(comparison(h.text), 'html')), htmlBaseline, 'compare --format html');
      assert.deepEqual(tagSequence(md.render(renderReport(comparison(h.text), 'md'))), mdBaseline, 'compare --format md rendered with raw HTML on');
      const r = await benchReport(h.text);
      const page = benchHtml(r, '/* renderer */', 'n');
      assert.deepEqual(tagSequence(page), benchHtmlBaseline, 'bench HTML export');
      // The data element ends where the template ends it: what is inside parses back to the very answer.
      const start = page.indexOf('id="report-data">') + 'id="report-data">'.length;
      const data = JSON.parse(page.slice(start, page.indexOf('</script>', start))) as BenchReport;
      assert.equal(data.samples[0].text, h.text, 'the answer survives intact inside the data element');
      assert.deepEqual(tagSequence(md.render(benchMarkdown(r))), benchMdBaseline, 'bench Markdown export rendered with raw HTML on');
    });
  }

  describe('HTTP endpoint, format html', () => {
    let sim: OllamaSim;
    let base = '';
    let close: () => Promise<void>;
    before(async () => {
      sim = await startOllamaSim({ models: [{ name: 'h:1b', reply: (req) => HOSTILE_ANSWERS[Number(req.messages[0].content)]?.text ?? HARMLESS }] });
      const registry = new ModelRegistry(validateSettings({ ollama: { host: sim.url }, models: [{ id: 'h', provider: 'ollama', model: 'h:1b' }] }));
      const server = await startHttpServer({ registry: () => registry, version: 'test' });
      base = server.url;
      close = async () => {
        await server.close();
        await sim.close();
      };
    });
    after(() => close?.());

    const page = async (route: '/generate' | '/compare', prompt: string) => {
      const res = await fetch(`${base}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ prompt, format: 'html' }) });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /text\/html/);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
      assert.doesNotMatch(res.headers.get('content-security-policy') ?? '', /script-src/);
      return res.text();
    };

    for (const route of ['/generate', '/compare'] as const) {
      it(`${route}: every corpus answer comes back as text inside the page, under a CSP without scripts`, async () => {
        // A long answer may stop at the token limit and get our own note saying so: not the model's markup.
        const withoutNotes = (html: string) => html.replace(/<p class="note">[^<]*<\/p>/g, '');
        const baseline = tagSequence(withoutNotes(await page(route, 'harmless')));
        for (let i = 0; i < HOSTILE_ANSWERS.length; i++) {
          const html = await page(route, String(i));
          assert.deepEqual(tagSequence(withoutNotes(html)), baseline, HOSTILE_ANSWERS[i].name);
        }
      });
    }
  });
});
