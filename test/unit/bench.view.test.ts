/** The benchmark report view's plain parts: progress wording, the message guard, and the inlined boot script. */
import * as assert from 'node:assert/strict';
import { bootScript } from '../../src/vscode/bench/boot';
import { humanDuration, progressMessage } from '../../src/vscode/bench/format';
import { parseBenchViewMessage } from '../../src/vscode/bench/protocol';

describe('bench report view (plain parts)', () => {
  it('the notification reads "12/46 · ETA 1m 20s"', () => {
    assert.equal(progressMessage({ done: 12, total: 46, resumed: 0, elapsedMs: 30_000, etaMs: 80_000 }), '12/46 · ETA 1m 20s');
    assert.equal(progressMessage({ done: 0, total: 46, resumed: 0, elapsedMs: 0, etaMs: null }), '0/46 · ETA …');
    assert.equal(progressMessage({ done: 5, total: 46, resumed: 5, elapsedMs: 0, etaMs: null }), '5/46 (5 resumed) · ETA …');
    assert.equal(progressMessage({ done: 46, total: 46, resumed: 0, elapsedMs: 9000, etaMs: 0 }), '46/46 · finishing');
    assert.equal(humanDuration(45_400), '45s');
    assert.equal(humanDuration(2 * 3600_000 + 5 * 60_000), '2h 05m');
  });

  it('only a well-formed export request from the webview is accepted', () => {
    assert.deepEqual(parseBenchViewMessage({ type: 'export', format: 'csv' }), { type: 'export', format: 'csv' });
    for (const bad of [null, 'export', { type: 'export', format: 'exe' }, { type: 'export' }, { type: 'run', format: 'json' }]) {
      assert.equal(parseBenchViewMessage(bad), null, JSON.stringify(bad));
    }
  });

  it('the boot script is self-contained JavaScript', () => {
    const src = bootScript();
    assert.doesNotThrow(() => new Function(src), 'it parses');
    // Run it against a minimal fake page: it must need nothing but the webview globals.
    const posted: unknown[] = [];
    const listeners: Array<() => void> = [];
    const button = { dataset: { export: 'md' }, addEventListener: (_: string, f: () => void) => listeners.push(f) };
    const fakeWindow = { scrollY: 0, scrollTo: () => undefined, addEventListener: () => undefined, setTimeout };
    new Function('acquireVsCodeApi', 'document', 'window', src)(
      () => ({ postMessage: (m: unknown) => posted.push(m), getState: () => undefined, setState: () => undefined }),
      { querySelectorAll: () => [button] },
      fakeWindow,
    );
    listeners.forEach((f) => f());
    assert.deepEqual(posted, [{ type: 'export', format: 'md' }]);
  });
});
