import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, startSims, type Sims } from '../support/cli-harness';
import { visibleControls } from '../../src/core/terminal';

/** An answer that would recolour, retitle, ring, erase and rewrite a terminal if printed raw. */
const HOSTILE =
  'ok \x1b[31mRED\x1b[0m \x1b]0;pwned title\x07 \x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\ ' +
  'safe\rEVIL overwrite \x08\x08\x08 \x1b[2J\x1b[H cleared \u009b31m C1-CSI \u009d0;t\u009c \u202egnp.exe\u202c done\r\n';

/** Every control character a terminal acts on, other than newline and tab (and CR as part of CRLF). */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/;

describe('terminal safety: model text never reaches a terminal raw', function () {
  this.timeout(30_000);

  it('visibleControls shows ESC, BEL, backspace, lone CR, C1 and bidi overrides as escapes, keeps newline and tab', () => {
    const out = visibleControls('a\x1b[31mb\x07c\x08d\re\r\nf\tg\u009bh\u202ei');
    assert.equal(out, 'a\\x1b[31mb\\x07c\\x08d\\x0de\nf\tg\\x9bh\\u{202e}i');
    assert.doesNotMatch(out, RAW_CONTROL);
    assert.equal(visibleControls('plain text\nwith lines\tand tabs'), 'plain text\nwith lines\tand tabs');
  });

  describe('compare', () => {
    let sims: Sims;
    beforeEach(async () => {
      sims = await startSims(
        { models: [{ name: 'codellama:7b', reply: HOSTILE }, { name: 'qwen2.5-coder:3b', reply: 'fine' }] },
        // The error path too: a server message with escapes must not reach the terminal either.
        { chat: { status: 400, body: { error: 'bad \x1b]0;retitled\x07 request' } } },
      );
    });
    afterEach(async () => sims.close());

    for (const format of ['text', 'md']) {
      it(`--format ${format} shows control characters visibly, on a TTY and in a pipe`, async () => {
        for (const tty of [true, false]) {
          const run = await runCli(['compare', '--format', format, 'hi'], sims.env, { tty });
          assert.doesNotMatch(run.stdout, RAW_CONTROL, `raw control character in ${format} output (tty=${tty})`);
          assert.ok(run.stdout.includes('\\x1b[31mRED'), 'the escape sequence is shown, not dropped');
          assert.ok(run.stdout.includes('\\x1b]0;retitled\\x07'), 'the server error is shown with its escapes visible');
          assert.doesNotMatch(run.stdout.replace(/\\x1b/g, ''), /\x1b/);
        }
      });
    }

    it('--format json stays exact: the answer decodes to the very bytes the model sent', async () => {
      const run = await runCli(['compare', '--format', 'json', '--models', 'local-codellama', 'hi'], sims.env);
      const parsed = JSON.parse(run.stdout) as { results: { text: string }[] };
      assert.equal(parsed.results[0].text, HOSTILE);
      assert.doesNotMatch(run.stdout, /[\u0000-\u0009\u000b-\u001f]/, 'JSON escapes control characters itself');
    });

    it('an HTML report written to a terminal is made safe too; to a pipe it stays byte-exact HTML', async () => {
      const tty = await runCli(['compare', '--format', 'html', '--models', 'local-codellama', 'hi'], sims.env, { tty: true });
      assert.doesNotMatch(tty.stdout, RAW_CONTROL);
      const pipe = await runCli(['compare', '--format', 'html', '--models', 'local-codellama', 'hi'], sims.env);
      assert.ok(pipe.stdout.includes('\x1b[31mRED'));
    });

    it('the live progress block on stderr shows a hostile model label visibly', async () => {
      const run = await runCli(['compare', '--config', writeConfig(), 'hi'], sims.env, { tty: true });
      const withoutOwnCodes = run.stderr.replace(/\x1b\[(\d+A|2K)/g, '');
      assert.doesNotMatch(withoutOwnCodes, RAW_CONTROL);
      assert.ok(run.stderr.includes('Evil\\x1b]0;t\\x07Label'));
    });
  });
});

function writeConfig(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'llmc-term-')), 'config.json');
  writeFileSync(file, JSON.stringify({ models: [{ id: 'evil', label: 'Evil\x1b]0;t\x07Label', provider: 'ollama', model: 'codellama:7b' }] }));
  return file;
}
