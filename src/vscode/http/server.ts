/**
 * "Start HTTP server" / "Stop HTTP server": the core's endpoint (src/core/http) inside VS Code, on 127.0.0.1 only,
 * off until the user starts it, with a status bar entry showing the address while it runs (click to stop). Requests
 * use the live model registry, so a settings change applies to the next request.
 */
import * as vscode from 'vscode';
import { chooseToken, DEFAULT_HOST, TOKEN_ENV } from '../../core/http/security';
import { startHttpServer, type LlmHttpServer } from '../../core/http/server';
import { isLlmError } from '../../core/providers/errors';
import { registerSecret } from '../../core/redact';
import { CONFIG_SECTION, Commands, CONTEXT_HTTP_SERVER_RUNNING, SettingKeys } from '../ids';
import type { Services } from '../services';
import type { Ui } from '../ui';

export const DEFAULT_HTTP_PORT = 8000;

/** What the commands return, so scripts and tests know where the server is. */
export interface HttpServerState {
  running: boolean;
  url: string | null;
}

export class HttpServerController implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('llmCompare.httpServer', vscode.StatusBarAlignment.Right, 99);
  private server: LlmHttpServer | undefined;
  private starting: Promise<HttpServerState> | undefined;

  constructor(private readonly services: Services, private readonly ui: Ui) {
    this.item.name = 'LLM Compare: HTTP server';
    this.item.command = Commands.stopHttpServer;
  }

  get state(): HttpServerState {
    return { running: this.server !== undefined, url: this.server?.url ?? null };
  }

  /** The status bar text while running (undefined when stopped). */
  get statusText(): string | undefined {
    return this.server ? this.item.text : undefined;
  }

  start(): Promise<HttpServerState> {
    if (this.server) {
      void this.ui.message('info', `LLM Compare HTTP server is already running at ${this.server.url}/.`);
      return Promise.resolve(this.state);
    }
    this.starting ??= this.open().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async open(): Promise<HttpServerState> {
    const port = vscode.workspace.getConfiguration(CONFIG_SECTION).get<number>(SettingKeys.httpPort, DEFAULT_HTTP_PORT);
    const { token } = chooseToken(DEFAULT_HOST, process.env[TOKEN_ENV]);
    registerSecret(token);
    try {
      this.server = await startHttpServer({
        registry: () => this.services.getRegistry(),
        host: DEFAULT_HOST,
        port,
        token,
        version: String(this.services.context.extension.packageJSON.version ?? '0.0.0'),
        log: this.services.log,
      });
    } catch (e) {
      const message = isLlmError(e) || e instanceof Error ? e.message : String(e);
      this.services.log.error(`HTTP server did not start: ${message}`);
      void this.ui.message('error', `LLM Compare: the HTTP server did not start. ${message}`);
      return this.state;
    }
    const url = this.server.url;
    this.services.log.info(`HTTP server listening at ${url}/${token ? ` (bearer token from ${TOKEN_ENV})` : ''}`);
    this.item.text = `$(radio-tower) ${url.replace('http://', '')}`;
    this.item.tooltip = new vscode.MarkdownString(`**LLM Compare HTTP server** at \`${url}/\`\n\n\`POST /generate\`, \`POST /compare\`, \`GET /openapi.json\`\n\nClick to stop.`);
    this.item.accessibilityInformation = { label: `LLM Compare HTTP server at ${url}. Activate to stop.` };
    this.item.show();
    void vscode.commands.executeCommand('setContext', CONTEXT_HTTP_SERVER_RUNNING, true);
    return this.state;
  }

  async stop(): Promise<HttpServerState> {
    await this.starting;
    const server = this.server;
    if (!server) return this.state;
    this.server = undefined;
    this.item.hide();
    void vscode.commands.executeCommand('setContext', CONTEXT_HTTP_SERVER_RUNNING, false);
    await server.close();
    this.services.log.info(`HTTP server at ${server.url}/ stopped`);
    return this.state;
  }

  dispose(): void {
    void this.stop();
    this.item.dispose();
  }
}

export function registerHttpServer(services: Services, ui: Ui): { controller: HttpServerController; disposable: vscode.Disposable } {
  const controller = new HttpServerController(services, ui);
  const disposable = vscode.Disposable.from(
    controller,
    vscode.commands.registerCommand(Commands.startHttpServer, () => controller.start()),
    vscode.commands.registerCommand(Commands.stopHttpServer, () => controller.stop()),
  );
  return { controller, disposable };
}
