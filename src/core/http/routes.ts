/** The route table: one place that says which method and path does what, and which route needs no token. */
import { handleCompare } from './compare';
import { send, type RouteContext } from './context';
import { handleGenerate } from './generate';
import { CONTENT_TYPES } from './formats';
import { openApiDocument } from './openapi';

export interface Route {
  method: 'GET' | 'POST';
  path: string;
  /** Answers without the bearer token (liveness only: it says nothing about the models or the user). */
  public?: boolean;
  handle(ctx: RouteContext): Promise<void>;
}

const sendJson = (ctx: RouteContext, value: unknown) => send(ctx.res, 200, CONTENT_TYPES.json, JSON.stringify(value, null, 2) + '\n');

export const ROUTES: readonly Route[] = [
  { method: 'POST', path: '/generate', handle: handleGenerate },
  { method: 'POST', path: '/compare', handle: handleCompare },
  {
    method: 'GET',
    path: '/models',
    async handle(ctx) {
      const registry = await ctx.registry();
      const infos = await Promise.all(registry.select().map(({ slot, provider }) => provider.describe(slot, ctx.signal)));
      sendJson(ctx, infos.map((info) => ({ ...info, default: info.id === registry.settings.defaultModel })));
    },
  },
  { method: 'GET', path: '/health', public: true, handle: async (ctx) => sendJson(ctx, { ok: true, version: ctx.version }) },
  { method: 'GET', path: '/openapi.json', handle: async (ctx) => sendJson(ctx, openApiDocument(ctx.version, ctx.baseUrl)) },
];
