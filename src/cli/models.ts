/** `llm-compare models`: what each configured model is and whether it can be reached now, without generating. */
import type { ModelInfo } from '../core/providers/types';
import { visibleControls } from '../core/terminal';
import { CONTEXT_OPTIONS, contextFlags, idList, oneOf, parse } from './args';
import type { ContextResolver } from './context';
import type { CliIO } from './io';

export const MODELS_USAGE = `Usage: llm-compare models [--models id1,id2] [--format text|json] [--config file.json]`;

export async function modelsCommand(args: string[], io: CliIO, resolve: ContextResolver): Promise<number> {
  const { values } = parse(args, { ...CONTEXT_OPTIONS, models: { type: 'string' }, format: { type: 'string' } });
  const format = oneOf(values.format, ['text', 'json'] as const, '--format', 'text');
  const { registry } = await resolve(contextFlags(values));
  const models = registry.select(idList(values.models));
  const infos = await Promise.all(models.map(({ slot, provider }) => provider.describe(slot, io.signal)));
  io.stdout.write(format === 'json' ? JSON.stringify(infos, null, 2) + '\n' : visibleControls(infos.map(describeText).join('\n')));
  return 0;
}

function describeText(m: ModelInfo): string {
  const v = (x: string | number | null) => (x === null ? 'unknown' : String(x));
  const lines = [
    `${m.label} [${m.id}]`,
    `  provider:        ${m.provider} (${m.location}), model ${m.model}`,
    ...(m.endpoint ? [`  endpoint:        ${m.endpoint}`] : []),
    `  reachable:       ${m.reachable ? 'yes' : `no — ${m.reason ?? 'unknown reason'}`}`,
    `  needs API key:   ${m.needsApiKey ? 'yes' : 'no'}`,
    `  parameters:      ${v(m.parameters)}`,
    `  quantization:    ${v(m.quantization)}`,
    `  size on disk:    ${m.sizeBytes === null ? 'unknown' : `${(m.sizeBytes / 1e9).toFixed(2)} GB`}`,
    `  context window:  ${v(m.contextWindow)}${m.allocatedContext !== null ? ` (allocated now: ${m.allocatedContext})` : ''}`,
    `  streaming:       ${m.streaming ? 'yes' : 'no'}`,
    ...Object.entries(m.extra).map(([k, x]) => `  ${(k + ':').padEnd(16)} ${x}`),
  ];
  return lines.join('\n') + '\n';
}
