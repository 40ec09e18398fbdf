/** The fetch given to the client for its Hub lookups: where requests go. */
import assert from 'node:assert/strict';
import { makeHfFetch, rebase } from '../../src/core/providers/huggingface-fetch';

/** A base fetch that records URLs and answers an SSE body made of the given pieces. */
function sseFetch(pieces: string[], urls: string[] = []): typeof fetch {
  return (async (input: string | URL | Request) => {
    urls.push(String(input));
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        for (const p of pieces) c.enqueue(new TextEncoder().encode(p));
        c.close();
      },
    });
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  }) as typeof fetch;
}

describe('huggingface fetch wrapper', () => {
  it('moves only the router and Hub bases', async () => {
    const urls: string[] = [];
    const http = makeHfFetch({ base: sseFetch([], urls), routerUrl: 'http://127.0.0.1:9/', hubUrl: 'http://127.0.0.1:8', signal: new AbortController().signal });
    await http.fetch('https://router.huggingface.co/together/v1/chat/completions');
    await http.fetch('https://huggingface.co/api/models/x/y?expand[]=inferenceProviderMapping');
    await http.fetch('https://api.together.xyz/v1/chat/completions');
    assert.deepEqual(urls, [
      'http://127.0.0.1:9/together/v1/chat/completions',
      'http://127.0.0.1:8/api/models/x/y?expand[]=inferenceProviderMapping',
      'https://api.together.xyz/v1/chat/completions',
    ]);
    assert.equal(rebase('https://huggingface.company/x', 'https://huggingface.co', 'http://h'), 'https://huggingface.company/x');
  });
});
