/**
 * The HTTP endpoint as a core service: the CLI (`llm-compare serve`) and VS Code ("Start HTTP server") are thin
 * layers over `startHttpServer`. Every request goes through the same checks, in this order: Host and Origin (a web
 * page cannot drive it), the token (beyond loopback), the route, then the route's own body checks and limits.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { silentLogger, type Logger } from '../log';
import { ConfigError, isLlmError } from '../providers/errors';
import type { ModelRegistry } from '../providers/registry';
import { redact } from '../redact';
import { HttpError } from './errors';
import { CONTENT_TYPES } from './formats';
import { DEFAULT_MAX_CONCURRENT, GenerationGate } from './limits';
import { ROUTES } from './routes';
import type { RouteContext } from './context';
import { allowedHostValues, checkHostAndOrigin, checkToken, DEFAULT_HOST, isLoopbackHost, type SecurityPolicy } from './security';

export interface HttpServerOptions {
  /** The registry to use for each request (called per request, so a settings change applies at once). */
  registry: () => ModelRegistry | Promise<ModelRegistry>;
  /** Default 127.0.0.1. Anything beyond loopback needs `token`. */
  host?: string;
  /** Default 0 (a free port; read `port` after start). */
  port?: number;
  token?: string;
  /** More `Host` names to answer to (e.g. a DNS name of this machine). */
  allowedHostNames?: readonly string[];
  /** Generations at once before 429. Default 4. */
  maxConcurrent?: number;
  version: string;
  log?: Logger;
}

const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // The HTML pages are documents, never apps: no script, no frames, only their own inline style.
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
};

export class LlmHttpServer {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly stopping = new AbortController();
  private readonly gate: GenerationGate;
  private policy!: SecurityPolicy;
  private readonly log: Logger;
  readonly host: string;
  private boundPort = 0;
  private closed?: Promise<void>;

  private constructor(private readonly server: Server, private readonly options: HttpServerOptions) {
    this.host = options.host ?? DEFAULT_HOST;
    this.gate = new GenerationGate(options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT);
    this.log = options.log ?? silentLogger;
  }

  /** Starts listening; rejects (ConfigError) beyond loopback without a token, or when the port is taken. */
  static async start(options: HttpServerOptions): Promise<LlmHttpServer> {
    const host = options.host ?? DEFAULT_HOST;
    if (!isLoopbackHost(host) && !options.token) {
      throw new ConfigError(`Listening on ${host} (beyond this machine) needs a bearer token: set LLM_COMPARE_TOKEN.`);
    }
    const server = createServer();
    const self = new LlmHttpServer(server, options);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => self.track(self.handle(req, res)));
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e: NodeJS.ErrnoException) =>
        reject(e.code === 'EADDRINUSE' ? new ConfigError(`Port ${options.port} on ${host} is already in use: pick another port.`) : e),
      );
      server.listen(options.port ?? 0, host, () => resolve());
    });
    self.boundPort = (server.address() as AddressInfo).port;
    self.policy = { allowedHosts: allowedHostValues(host, self.boundPort, options.allowedHostNames), token: options.token };
    return self;
  }

  get port(): number {
    return this.boundPort;
  }

  /** `http://127.0.0.1:8000` (a wildcard bind shows as localhost, the address a local client uses). */
  get url(): string {
    const h = this.host === '0.0.0.0' || this.host === '::' ? 'localhost' : this.host.includes(':') ? `[${this.host}]` : this.host;
    return `http://${h}:${this.boundPort}`;
  }

  /** Generations running now. */
  get running(): number {
    return this.gate.running;
  }

  /** Cancels running generations (their model servers stop), answers what it can, then closes every connection. */
  close(): Promise<void> {
    this.closed ??= (async () => {
      this.stopping.abort();
      const done = new Promise<void>((resolve) => this.server.close(() => resolve()));
      this.server.closeIdleConnections();
      // Give cancelled requests a moment to answer (503 / end their streams), then cut whatever is left.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...this.inFlight]), new Promise((r) => (timer = setTimeout(r, 1000)))]);
      clearTimeout(timer);
      this.server.closeAllConnections();
      await done;
    })();
    return this.closed;
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    const aborter = new AbortController();
    const onStop = () => aborter.abort();
    this.stopping.signal.addEventListener('abort', onStop, { once: true });
    // The client went away before the answer was complete: stop the model instead of generating for nobody.
    res.on('close', () => {
      if (!res.writableEnded) aborter.abort();
      this.stopping.signal.removeEventListener('abort', onStop);
    });
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      checkHostAndOrigin(this.policy, req.headers);
      const route = ROUTES.find((r) => r.path === url.pathname);
      if (!route?.public) checkToken(this.policy, req.headers);
      if (!route) throw new HttpError(404, 'not-found', `No route ${url.pathname}. The routes: ${ROUTES.map((r) => `${r.method} ${r.path}`).join(', ')} (GET /openapi.json describes them).`);
      if (req.method !== route.method) throw new HttpError(405, 'method-not-allowed', `Use ${route.method} ${route.path}.`, { allow: route.method });
      await route.handle(this.context(req, res, url, aborter.signal));
    } catch (e) {
      this.fail(res, e);
    } finally {
      this.log.info(`${req.method} ${url.pathname} → ${res.statusCode}${aborter.signal.aborted ? ' (cancelled)' : ''} in ${Math.round(performance.now() - started)} ms`);
    }
  }

  private context(req: IncomingMessage, res: ServerResponse, url: URL, signal: AbortSignal): RouteContext {
    return {
      req,
      res,
      url,
      registry: async () => this.options.registry(),
      gate: this.gate,
      signal,
      baseUrl: this.url,
      version: this.options.version,
    };
  }

  private fail(res: ServerResponse, e: unknown): void {
    if (res.headersSent) {
      // Mid-stream: the status is gone; closing the connection is the only honest signal left.
      res.destroy();
      return;
    }
    const error =
      e instanceof HttpError
        ? e
        : isLlmError(e) && e.kind === 'config'
          ? new HttpError(400, 'config', e.message)
          : new HttpError(500, 'unknown', `Internal error: ${redact(e instanceof Error ? e.message : String(e))}`);
    if (error.status >= 500) this.log.warn(`${error.status} ${error.kind}: ${error.message}`);
    const body = JSON.stringify(error.toBody(), null, 2) + '\n';
    res.writeHead(error.status, { ...error.headers, 'content-type': CONTENT_TYPES.json, 'content-length': String(Buffer.byteLength(body)) });
    res.end(body);
  }
}

export function startHttpServer(options: HttpServerOptions): Promise<LlmHttpServer> {
  return LlmHttpServer.start(options);
}
