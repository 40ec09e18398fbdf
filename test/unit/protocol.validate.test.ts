import * as assert from 'node:assert/strict';
import { isSafeHref, MAX_PROMPT_CHARS, parseFromWebview } from '../../src/shared/protocol';

const prefs = { mode: 'parallel', includeContext: true };

describe('webview messages are validated before the extension acts on them', () => {
  it('accepts every well-formed message and keeps only known fields', () => {
    const ok: unknown[] = [
      { type: 'ready' },
      { type: 'run', prompt: 'hi', prefs },
      { type: 'prefs', prefs: { mode: 'sequential', includeContext: false } },
      { type: 'stop', runId: 'r1' },
      { type: 'stop', runId: 'r1', columnId: 'local-qwen' },
      { type: 'retry', runId: 'r1', columnId: 'online-qwen' },
      { type: 'action', action: 'insert', runId: 'r1', columnId: 'a' },
      { type: 'fix', fix: 'set-api-key', runId: 'r1', columnId: 'a' },
      { type: 'copyText', text: 'x = 1' },
      { type: 'openLink', href: 'https://example.com' },
      { type: 'openHistory', runId: 'r1' },
      { type: 'openInTab' },
    ];
    for (const m of ok) assert.notEqual(parseFromWebview(m), null, JSON.stringify(m));
    assert.deepEqual(parseFromWebview({ type: 'ready', extra: '<script>' }), { type: 'ready' });
  });

  it('refuses malformed, unknown or oversized messages', () => {
    const bad: unknown[] = [
      null,
      'ready',
      [],
      { type: 'nope' },
      { type: 'run', prompt: '   ', prefs },
      { type: 'run', prompt: 'x'.repeat(MAX_PROMPT_CHARS + 1), prefs },
      { type: 'run', prompt: 'hi', prefs: { mode: 'fast', includeContext: true } },
      { type: 'run', prompt: 42, prefs },
      { type: 'stop', runId: '../../etc' },
      { type: 'action', action: 'rm -rf', runId: 'r1', columnId: 'a' },
      { type: 'action', action: 'insert', runId: 'r1' },
      { type: 'fix', fix: 'run-command', runId: 'r1', columnId: 'a' },
      { type: 'copyText', text: 7 },
      { type: 'openLink', href: 'javascript:alert(1)' },
      { type: 'openLink', href: 'command:workbench.action.terminal.new' },
      { type: 'openLink', href: 'file:///etc/passwd' },
      { type: 'openHistory', runId: 'a b' },
      { type: '__proto__' },
    ];
    for (const m of bad) assert.equal(parseFromWebview(m), null, JSON.stringify(m));
  });

  it('lets only web and mail links out', () => {
    assert.ok(isSafeHref('https://a.example/x?y'));
    assert.ok(isSafeHref('HTTP://a.example'));
    assert.ok(isSafeHref('mailto:a@b.example'));
    for (const href of ['javascript:x', ' javascript:x', 'data:text/html,x', 'vscode://x', 'command:x', '//evil.example', '/relative']) {
      assert.equal(isSafeHref(href), false, href);
    }
  });
});
