/** "Start HTTP server" / "Stop HTTP server": the core endpoint inside VS Code, called over real HTTP. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HttpServerState } from '../../src/vscode/http/server';
import { Commands } from '../../src/vscode/ids';
import { startOllamaSim, type OllamaSim } from '../support/ollama-sim';
import { configure, extensionApi, resetSettings, stubUi } from './helpers';

const MODELS = [
  { id: 'cl', label: 'CodeLlama (sim)', provider: 'ollama', model: 'codellama:7b' },
  { id: 'qw', label: 'Qwen (sim)', provider: 'ollama', model: 'qwen2.5-coder:3b' },
];

suite('HTTP server from VS Code', () => {
  let sim: OllamaSim;

  suiteSetup(async () => {
    sim = await startOllamaSim({ models: [{ name: 'codellama:7b', reply: 'def add(a, b):\n    return a + b' }, { name: 'qwen2.5-coder:3b', reply: 'qwen here' }] });
    // Port 0: a free port, so parallel runs on the machine never collide.
    await configure({ models: MODELS, defaultModel: 'cl', 'ollama.host': sim.url, 'http.port': 0 });
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand(Commands.stopHttpServer);
    await resetSettings();
    await configure({ 'http.port': undefined });
    await sim.close();
  });

  test('is off until started; Start serves POST /generate on 127.0.0.1 with the address in the status bar; Stop ends it', async () => {
    const api = await extensionApi();
    const ui = stubUi(api);
    try {
      assert.equal(api.httpServer.state.running, false, 'off by default');
      const state = await vscode.commands.executeCommand<HttpServerState>(Commands.startHttpServer);
      assert.equal(state.running, true);
      assert.match(state.url ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(api.httpServer.statusText, `$(radio-tower) ${state.url!.slice('http://'.length)}`);

      const res = await fetch(`${state.url}/generate?format=json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ prompt: 'Write add', max_tokens: 50 }) });
      assert.equal(res.status, 200);
      const body = (await res.json()) as { prompt: string; response: string; model: { id: string } };
      assert.equal(body.response, 'def add(a, b):\n    return a + b');
      assert.equal(body.model.id, 'cl');
      const chat = sim.requests.find((r) => r.path === '/api/chat');
      assert.equal((chat?.body as { options: { num_predict: number } }).options.num_predict, 50);

      const again = await vscode.commands.executeCommand<HttpServerState>(Commands.startHttpServer);
      assert.equal(again.url, state.url, 'a second Start keeps the running server');
      assert.ok(ui.shown.some((m) => /already running at http:\/\/127\.0\.0\.1/.test(m.text)));

      const stopped = await vscode.commands.executeCommand<HttpServerState>(Commands.stopHttpServer);
      assert.equal(stopped.running, false);
      assert.equal(api.httpServer.statusText, undefined);
      await assert.rejects(fetch(`${state.url}/health`), 'the port is closed after Stop');
    } finally {
      ui.restore();
    }
  });

  test('uses the current settings for each request, and keeps the safety checks', async () => {
    const state = await vscode.commands.executeCommand<HttpServerState>(Commands.startHttpServer);
    try {
      await configure({ defaultModel: 'qw' });
      const text = await (await fetch(`${state.url}/generate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ prompt: 'hi' }) })).text();
      assert.equal(text, 'prompt:\nhi\n\nresponse:\nqwen here');
      const foreign = await fetch(`${state.url}/generate`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://evil.example' }, body: JSON.stringify({ prompt: 'hi' }) });
      assert.equal(foreign.status, 403);
      const form = await fetch(`${state.url}/generate`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'prompt=hi' });
      assert.equal(form.status, 415);
    } finally {
      await configure({ defaultModel: 'cl' });
      await vscode.commands.executeCommand(Commands.stopHttpServer);
    }
  });
});
