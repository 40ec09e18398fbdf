/**
 * Node builds its HTTP client (undici, its llhttp parser, the connection pool) on the first `fetch` of a process:
 * 20–80 ms on a shared machine. If that happened inside a slot's clock, the first answer of every fresh CLI process
 * (and of every VS Code session) would report a time to first token that late. So before the first clock starts,
 * one request goes to a throwaway server on the loopback interface and exercises the same path a provider's request
 * takes (POST with a JSON body, response read as a stream, a Response built from it). For an online model, the root
 * certificates its first HTTPS connection would load are loaded then too. Later calls cost nothing: no promise, no
 * tick.
 */
import type { AddressInfo } from 'node:net';

const WARM_UP_TIMEOUT_MS = 2_000;

let http: Promise<void> | undefined;
let httpReady = false;
let tls: Promise<void> | undefined;
let tlsReady = false;

/**
 * Undefined once Node's HTTP client (and with `tls`, its TLS set-up) is ready; otherwise a promise that settles
 * when it is (never rejects).
 */
export function warmUpHttp(options: { tls?: boolean } = {}): Promise<void> | undefined {
  const pending: Promise<void>[] = [];
  if (!httpReady) {
    http ??= roundTrip()
      .catch(() => undefined) // no loopback, no fetch: the clocks are no worse than without the warm-up
      .then(() => void (httpReady = true));
    pending.push(http);
  }
  if (options.tls && !tlsReady) {
    tls ??= import('node:tls')
      .then((m) => void m.createSecureContext()) // the first secure context loads the root certificates
      .catch(() => undefined)
      .then(() => void (tlsReady = true));
    pending.push(tls);
  }
  if (pending.length === 0) return undefined;
  return Promise.all(pending).then(() => undefined);
}

async function roundTrip(): Promise<void> {
  const { createServer } = await import('node:http');
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/x-ndjson' }).end('{"done":true}\n'));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
      signal: AbortSignal.timeout(WARM_UP_TIMEOUT_MS),
    });
    const reader = response.body?.getReader();
    while (reader && !(await reader.read()).done);
    // The Ollama provider hands its client a Response it builds (ollama-http.ts): the first one a process builds
    // costs about 1 ms (Node loads and compiles the constructor's path), which would land between the response's
    // arrival and the first token.
    void new Response('', { status: response.status, statusText: response.statusText, headers: response.headers });
  } finally {
    server.closeAllConnections();
    server.close();
  }
}
