/**
 * Server-Sent Events: `event: <name>` plus one `data:` line of JSON per event (JSON keeps every newline of the
 * model's text inside the one line). Headers go out with the first event, so a request that fails before anything
 * happened still gets a plain HTTP error status instead of a 200 with an error inside.
 */
import type { ServerResponse } from 'node:http';
import { CONTENT_TYPES } from './formats';

export class SseWriter {
  constructor(private readonly res: ServerResponse) {}

  get started(): boolean {
    return this.res.headersSent;
  }

  send(event: string, data: unknown): void {
    if (this.res.destroyed) return;
    if (!this.res.headersSent) {
      this.res.writeHead(200, {
        'content-type': CONTENT_TYPES.sse,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        // Tells reverse proxies (nginx) not to buffer: the point of the stream is to arrive as it is made.
        'x-accel-buffering': 'no',
      });
    }
    this.res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  end(): void {
    this.res.end();
  }
}
