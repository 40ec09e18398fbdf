/**
 * The floor under `firstRequestTtftErrorMs`: the least any client in a fresh Node process could report on this
 * machine. It sets up Node's fetch with one request first (as llm-compare's warm-up does), then sends the same chat
 * request, starts its clock when undici has written the headers (as llm-compare does) and stops it when the first
 * bytes of the body are read: no parsing, no client library, no events. What is left is the machine: both
 * processes' wake-ups and the loopback. Prints one JSON line: { ttftMs }.
 *
 *   node bench/perf/first-request-floor.cjs <ollama base url> <model>
 */
'use strict';
const { subscribe } = require('node:diagnostics_channel');

const [base, model] = process.argv.slice(2);

async function main() {
  const warm = await fetch(`${base}/api/version`);
  await warm.arrayBuffer();
  let sentAt = null;
  subscribe('undici:client:sendHeaders', () => (sentAt ??= performance.now()));
  const response = await fetch(`${base}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Say hi.' }], stream: true }),
  });
  const reader = response.body.getReader();
  const first = await reader.read();
  const firstAt = performance.now();
  if (first.done || sentAt === null) throw new Error('no body or no send mark');
  while (!(await reader.read()).done);
  process.stdout.write(`${JSON.stringify({ ttftMs: firstAt - sentAt })}\n`);
}

main().catch((e) => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exit(1);
});
