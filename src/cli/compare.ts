/** `llm-compare compare "<prompt>"`: every selected model at once, live progress on a TTY, then a report. */
import { renderReport, REPORT_FORMATS } from '../core/compare/report';
import { startComparison } from '../core/compare/run';
import type { ChatMessage } from '../core/providers/types';
import { validateMaxTokens, validateTemperature } from '../core/settings';
import { visibleControls } from '../core/terminal';
import { CONTEXT_OPTIONS, contextFlags, idList, numberFlag, oneOf, parse, UsageError } from './args';
import type { ContextResolver } from './context';
import { withEngineFor } from './engine-use';
import type { CliIO } from './io';
import { ProgressBlock } from './output';

export const COMPARE_USAGE = `Usage: llm-compare compare [options] "<prompt>"   (prompt "-" reads stdin)
  --models id1,id2          which configured models (default: all)
  --format text|md|json|html  report format (default: text)
  --mode parallel|sequential  run models at once (default) or one after another
  --max-tokens N            override every model's max tokens
  --temperature T           override every model's temperature (0–2)
  --system "..."            system prompt for every model
  --config file.json        settings file (the extension's settings without "llmCompare.")
  --ollama-host URL  --hf-endpoint URL  --hf-provider NAME`;

export async function compareCommand(args: string[], io: CliIO, resolve: ContextResolver, readStdin: () => Promise<string>): Promise<number> {
  const { values, positionals } = parse(args, {
    ...CONTEXT_OPTIONS,
    models: { type: 'string' },
    format: { type: 'string' },
    mode: { type: 'string' },
    'max-tokens': { type: 'string' },
    temperature: { type: 'string' },
    system: { type: 'string' },
  });
  const format = oneOf(values.format, REPORT_FORMATS, '--format', 'text');
  const mode = oneOf(values.mode, ['parallel', 'sequential'] as const, '--mode', 'parallel');
  const maxTokensFlag = numberFlag(values['max-tokens'], '--max-tokens');
  const maxTokens = maxTokensFlag === undefined ? undefined : validateMaxTokens(maxTokensFlag, '--max-tokens');
  const temperatureFlag = numberFlag(values.temperature, '--temperature');
  const temperature = temperatureFlag === undefined ? undefined : validateTemperature(temperatureFlag, '--temperature');

  let prompt = positionals.join(' ');
  if (prompt === '-') prompt = await readStdin();
  if (prompt.trim() === '') throw new UsageError('The prompt is empty. Give it as an argument, or "-" to read it from stdin.');

  const ctx = await resolve(contextFlags(values));
  const models = ctx.registry.select(idList(values.models));
  return withEngineFor(ctx, models, io, async () => {
    const messages: ChatMessage[] = [
      ...(typeof values.system === 'string' && values.system ? [{ role: 'system' as const, content: values.system }] : []),
      { role: 'user', content: prompt },
    ];

    const run = startComparison({ prompt: messages, models, mode, signal: io.signal, overrides: { maxTokens, temperature } });
    const progress = io.stderr.isTTY ? new ProgressBlock(io, models.map((m) => m.slot)) : null;
    for await (const event of run.events) progress?.update(event);
    progress?.finish();
    const report = await run.done;
    const out = renderReport(report, format);
    // Text and Markdown are always made terminal-safe by the renderer; HTML only when it lands in a terminal.
    io.stdout.write(format === 'html' && io.stdout.isTTY ? visibleControls(out) : out);
    return report.results.every((r) => r.error === null) ? 0 : 1;
  });
}
