/**
 * The OpenAPI 3.1 description of every route, body and format, built from the same constants the server checks
 * against (formats, fields, limits), so the document cannot drift from what the server accepts.
 */
import { MAX_MAX_TOKENS, DEFAULT_MAX_TOKENS } from '../settings';
import { COMPARE_FORMATS, GENERATE_FORMATS } from './formats';
import { MAX_BODY_BYTES } from './limits';

const json = (schema: object) => ({ 'application/json': { schema } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const errorResponse = (description: string) => ({ description, content: json(ref('Error')) });

const COMMON_ERRORS = {
  '401': errorResponse('A token is required (the server was started beyond loopback, or with LLM_COMPARE_TOKEN) and was missing or wrong.'),
  '403': errorResponse('Foreign Host header (DNS rebinding) or foreign Origin (a web page).'),
};

const BODY_ERRORS = {
  '400': errorResponse('Bad input: missing or empty prompt, wrong types, max_tokens out of range, unknown field, model or format.'),
  '413': errorResponse(`Body over ${MAX_BODY_BYTES} bytes.`),
  '415': errorResponse('Body not sent as application/json.'),
  '429': { ...errorResponse('Too many generations at once; see the Retry-After header (seconds).'), headers: { 'Retry-After': { schema: { type: 'integer' } } } },
};

const formatParam = (formats: readonly string[], description: string) => ({
  name: 'format',
  in: 'query',
  required: false,
  description,
  schema: { type: 'string', enum: [...formats] },
});

const streamParam = {
  name: 'stream',
  in: 'query',
  required: false,
  description: 'true = Server-Sent Events (also asked by the body\'s "stream" or Accept: text/event-stream).',
  schema: { type: 'string', enum: ['true', 'false', '1', '0'] },
};

const PRECEDENCE = 'Format precedence: this query parameter, then the body\'s "format", then the Accept header; default text.';

export function openApiDocument(version: string, serverUrl: string): object {
  return {
    openapi: '3.1.0',
    info: {
      title: 'LLM Compare',
      version,
      description: 'Generate with one model or compare several (Hugging Face, Ollama, OpenAI-compatible). Local server: 127.0.0.1 by default.',
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: `Required beyond loopback or when LLM_COMPARE_TOKEN is set.` } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: { type: 'object', required: ['kind', 'message'], properties: { kind: { type: 'string' }, message: { type: 'string' } } },
            response: { type: 'string', description: 'POST /generate: what the model wrote before it failed, when it wrote anything.' },
          },
        },
        GenerateRequest: {
          type: 'object',
          required: ['prompt'],
          additionalProperties: false,
          properties: {
            prompt: { type: 'string', minLength: 1 },
            max_tokens: { type: 'integer', minimum: 1, maximum: MAX_MAX_TOKENS, default: DEFAULT_MAX_TOKENS },
            model: { type: 'string', description: 'A configured model id (GET /models); default: the default model.' },
            temperature: { type: 'number', minimum: 0, maximum: 2 },
            format: { type: 'string', enum: [...GENERATE_FORMATS] },
            stream: { type: 'boolean' },
          },
        },
        CompareRequest: {
          type: 'object',
          required: ['prompt'],
          additionalProperties: false,
          properties: {
            prompt: { type: 'string', minLength: 1 },
            models: { oneOf: [{ type: 'array', items: { type: 'string' }, minItems: 1 }, { type: 'string', description: 'Comma-separated ids.' }] },
            max_tokens: { type: 'integer', minimum: 1, maximum: MAX_MAX_TOKENS, description: "Default: each model's own setting." },
            temperature: { type: 'number', minimum: 0, maximum: 2 },
            mode: { type: 'string', enum: ['parallel', 'sequential'], default: 'parallel' },
            system: { type: 'string' },
            format: { type: 'string', enum: [...COMPARE_FORMATS] },
            stream: { type: 'boolean' },
          },
        },
        Metrics: {
          type: 'object',
          description: 'Client clock (ms, monotonic) plus the server\'s own counters where it gave them; unknown = null.',
          properties: {
            ttftMs: { type: ['number', 'null'] },
            totalMs: { type: ['number', 'null'] },
            outputTokens: { type: ['integer', 'null'] },
            tokensPerSecond: { type: ['number', 'null'] },
            rateSource: { type: ['string', 'null'], enum: ['server', 'client', null], description: 'Which clock measured tokensPerSecond.' },
            chars: { type: 'integer' },
            tokenSource: { type: 'string', enum: ['server', 'estimate'] },
            server: { type: ['object', 'null'] },
          },
        },
        GenerateResponse: {
          type: 'object',
          required: ['prompt', 'response', 'model', 'metrics'],
          properties: {
            prompt: { type: 'string' },
            response: { type: 'string', description: 'The answer, with an echoed prompt at its start dropped.' },
            model: { type: 'object', properties: { id: { type: 'string' }, label: { type: 'string' }, provider: { type: 'string' }, model: { type: 'string' }, location: { type: 'string', enum: ['online', 'local'] } } },
            metrics: ref('Metrics'),
            finishReason: { type: ['string', 'null'], description: 'stop, length (max_tokens reached), … as the model server said; null when it did not.' },
          },
        },
        CompareReport: { type: 'object', description: 'As `llm-compare compare --format json`.', properties: { prompt: { type: 'string' }, results: { type: 'array', items: { type: 'object' } } } },
      },
    },
    security: [{}, { bearer: [] }],
    paths: {
      '/generate': {
        post: {
          summary: 'One model answers one prompt (the prototype\'s contract).',
          parameters: [formatParam(GENERATE_FORMATS, PRECEDENCE), streamParam],
          requestBody: { required: true, content: json(ref('GenerateRequest')) },
          responses: {
            '200': {
              description: 'text: "prompt:\\n<prompt>\\n\\nresponse:\\n<response>"; json; html; or SSE events `delta` {text}…, then one `done` (the JSON response), or `error`.',
              content: {
                'text/plain': { schema: { type: 'string' } },
                'application/json': { schema: ref('GenerateResponse') },
                'text/html': { schema: { type: 'string' } },
                'text/event-stream': { schema: { type: 'string' } },
              },
            },
            ...COMMON_ERRORS,
            ...BODY_ERRORS,
            '502': errorResponse('The model server failed (refused, not found, rejected the key, broke the stream): kind and message say which.'),
            '503': {
              ...errorResponse('The model server is busy or loading, or this server is stopping.'),
              headers: { 'Retry-After': { description: "The model server's own wait, when it gave one (seconds).", schema: { type: 'integer' } } },
            },
            '504': errorResponse('The model server went silent or timed out.'),
          },
        },
      },
      '/compare': {
        post: {
          summary: 'Every (or the listed) model answers; the report `llm-compare compare` prints.',
          parameters: [formatParam(COMPARE_FORMATS, PRECEDENCE), streamParam],
          requestBody: { required: true, content: json(ref('CompareRequest')) },
          responses: {
            '200': {
              description: 'The report (a failed model is reported inside it), NDJSON live events, or SSE: `status`, `delta`, `done` per model, then `report`.',
              content: {
                'text/plain': { schema: { type: 'string' } },
                'text/markdown': { schema: { type: 'string' } },
                'application/json': { schema: ref('CompareReport') },
                'text/html': { schema: { type: 'string' } },
                'application/x-ndjson': { schema: { type: 'string' } },
                'text/event-stream': { schema: { type: 'string' } },
              },
            },
            ...COMMON_ERRORS,
            ...BODY_ERRORS,
          },
        },
      },
      '/models': {
        get: {
          summary: 'The configured models: what each is and whether it is reachable (nothing is generated).',
          responses: { '200': { description: 'Model facts; `default` marks the model /generate uses.', content: json({ type: 'array', items: { type: 'object' } }) }, ...COMMON_ERRORS },
        },
      },
      '/health': {
        get: {
          summary: 'Liveness; answers without a token.',
          security: [{}],
          responses: { '200': { description: 'Up.', content: json({ type: 'object', properties: { ok: { const: true }, version: { type: 'string' } } }) }, '403': COMMON_ERRORS['403'] },
        },
      },
      '/openapi.json': {
        get: { summary: 'This document.', responses: { '200': { description: 'OpenAPI 3.1.', content: json({ type: 'object' }) }, ...COMMON_ERRORS } },
      },
    },
  };
}
