/** GET /openapi.json, /models and /health, and the document against what the server really accepts. */
import assert from 'node:assert/strict';
import { COMPARE_FORMATS, GENERATE_FORMATS } from '../../src/core/http/formats';
import { ROUTES } from '../../src/core/http/routes';
import { COMPARE_FIELDS, GENERATE_FIELDS } from '../../src/core/http/validate';
import { rawRequest, startHttpRig, type HttpRig } from '../support/http-harness';

interface Doc {
  openapi: string;
  servers: Array<{ url: string }>;
  paths: Record<string, Record<string, { parameters?: Array<{ name: string; schema: { enum?: string[] } }>; requestBody?: unknown; responses: Record<string, { content?: Record<string, unknown> }> }>>;
  components: { schemas: Record<string, { properties?: Record<string, { enum?: string[]; default?: unknown }> }> };
}

describe('HTTP GET /openapi.json, /models, /health', function () {
  this.timeout(20_000);
  let rig: HttpRig;
  beforeEach(async () => {
    rig = await startHttpRig({ models: [{ name: 'codellama:7b', parameterSize: '7B' }] }, {});
  });
  afterEach(async () => rig.close());

  it('describes every route, body and format as OpenAPI 3.1', async () => {
    const res = await rawRequest(rig.base, 'GET', '/openapi.json');
    assert.equal(res.status, 200);
    const doc = res.json<Doc>();
    assert.equal(doc.openapi, '3.1.0');
    assert.equal(doc.servers[0].url, rig.base);
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)).sort();
    assert.deepEqual(documented, ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    const formats = (p: string) => doc.paths[p].post.parameters!.find((x) => x.name === 'format')!.schema.enum;
    assert.deepEqual(formats('/generate'), [...GENERATE_FORMATS]);
    assert.deepEqual(formats('/compare'), [...COMPARE_FORMATS]);
    const schemas = doc.components.schemas;
    assert.deepEqual(Object.keys(schemas.GenerateRequest.properties!).sort(), [...GENERATE_FIELDS].sort());
    assert.deepEqual(Object.keys(schemas.CompareRequest.properties!).sort(), [...COMPARE_FIELDS].sort());
    assert.equal(schemas.GenerateRequest.properties!.max_tokens.default, 512);
    assert.deepEqual(Object.keys(doc.paths['/generate'].post.responses['200'].content!).sort(), ['application/json', 'text/event-stream', 'text/html', 'text/plain']);
    for (const status of ['400', '401', '403', '413', '415', '429', '502', '503', '504']) assert.ok(doc.paths['/generate'].post.responses[status], status);
  });

  it('/models says what each model is, which is the default, without generating; /health answers', async () => {
    const models = (await rawRequest(rig.base, 'GET', '/models')).json<Array<{ id: string; reachable: boolean; default: boolean; parameters: string | null }>>();
    assert.deepEqual(models.map((m) => [m.id, m.default]), [['online-qwen', true], ['local-codellama', false], ['local-qwen', false]]);
    const codellama = models.find((m) => m.id === 'local-codellama')!;
    assert.equal(codellama.reachable, true);
    assert.equal(codellama.parameters, '7B');
    assert.equal(models.find((m) => m.id === 'local-qwen')!.reachable, false);
    assert.ok(!rig.sims.ollama.requests.some((r) => r.path === '/api/chat'));
    const health = (await rawRequest(rig.base, 'GET', '/health')).json<{ ok: boolean; version: string }>();
    assert.deepEqual(health, { ok: true, version: 'test' });
  });
});
