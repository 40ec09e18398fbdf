/**
 * "Add model…": source → endpoint (prefilled, checked live) → key (only where the endpoint takes one, before the
 * list so a server that wants a key can still show its models) → the server's own list or free text → label →
 * user or workspace settings. Every step has Back. Writes one entry into `llmCompare.models` and the key into
 * SecretStorage, never into settings or the log.
 */
import * as vscode from 'vscode';
import { idsOf, newEntryId } from '../../core/model-entries';
import { LlmError } from '../../core/providers/errors';
import type { ServerModels } from '../../core/providers/server-check';
import type { Settings } from '../../core/settings';
import type { ApiKeyStore } from '../apikey';
import type { Ui } from '../ui';
import type { ModelKeyStore } from './model-keys';
import { readModelList, writableScope, writeModelList } from './settings-store';
import { ADD_SOURCES, type AddSource, type KeyKind } from './sources';
import { BACK } from './steps';

export interface AddedModel {
  entry: Record<string, unknown>;
  scope: 'user' | 'workspace';
  /** A key was stored in SecretStorage for it (the key itself is not returned). */
  storedKey: 'own' | 'hf' | null;
  /** Whether the server listed the model (false: typed by hand). */
  listed: boolean;
}

interface Draft {
  source?: AddSource;
  endpoint: string;
  list?: { endpoint: string; token: string | undefined; result: Promise<ServerModels> };
  model?: string;
  listed: boolean;
  /** The server refused to list its models without a key. */
  unauthorized?: boolean;
  label?: string;
  key?: string;
  scope?: 'user' | 'workspace';
}

type Outcome = 'next' | 'back' | 'cancel';
interface Step {
  applies(d: Draft): boolean;
  run(d: Draft, position: { step: number; totalSteps: number }): Promise<Outcome>;
}

const TITLE = 'Add model';

export interface AddFlowDeps {
  ui: Ui;
  settings: () => Settings;
  hfKeys: ApiKeyStore;
  modelKeys: ModelKeyStore;
  log: vscode.LogOutputChannel;
  sources?: readonly AddSource[];
}

export async function runAddFlow(deps: AddFlowDeps): Promise<AddedModel | undefined> {
  const { ui } = deps;
  const settings = deps.settings();
  const sources = deps.sources ?? ADD_SOURCES;
  const hasHfToken = !!(await deps.hfKeys.get()).key;
  const draft: Draft = { endpoint: '', listed: false };

  /** The server's list for the draft's endpoint and key, asked once per (endpoint, key). */
  const listFor = (d: Draft): Promise<ServerModels> => {
    const token = d.key || undefined;
    if (!d.list || d.list.endpoint !== d.endpoint || d.list.token !== token) {
      d.list = { endpoint: d.endpoint, token, result: d.source!.list(d.endpoint, token) };
    }
    return d.list.result;
  };
  const keyKind = (d: Draft): KeyKind => d.source?.keyKind(d.endpoint) ?? 'none';

  const steps: Step[] = [
    {
      applies: () => true,
      async run(d, pos) {
        const items = sources.map((s) => ({ label: s.label, detail: s.detail, source: s }));
        const picked = await ui.pickStep({ title: TITLE, ...pos, placeholder: 'Where does the model run?', items, activeLabel: d.source?.label });
        if (picked === BACK) return 'back';
        if (!picked) return 'cancel';
        if (d.source !== picked.source) Object.assign(d, { source: picked.source, endpoint: picked.source.endpoint?.initial(settings) ?? '', model: undefined, label: undefined, key: undefined });
        return 'next';
      },
    },
    {
      applies: (d) => !!d.source?.endpoint,
      async run(d, pos) {
        const ep = d.source!.endpoint!;
        const answer = await ui.inputStep({
          title: `${TITLE}: ${plain(d.source!.label)}`,
          ...pos,
          prompt: ep.prompt,
          placeholder: ep.placeholder,
          value: d.endpoint,
          validate: async (value) => {
            let endpoint: string;
            try {
              endpoint = ep.normalize(value);
            } catch (e) {
              return { message: e instanceof LlmError ? e.message : String(e), severity: vscode.InputBoxValidationSeverity.Error };
            }
            const list = await listFor({ ...d, endpoint, key: undefined, list: undefined });
            return describeList(list);
          },
        });
        if (answer === BACK) return 'back';
        if (answer === undefined) return 'cancel';
        d.endpoint = ep.normalize(answer);
        const answered = await listFor({ ...d, key: undefined });
        d.unauthorized = !answered.ok && answered.problem === 'unauthorized';
        return 'next';
      },
    },
    {
      // A model's own key where its endpoint takes one (Ollama only behind a proxy that asked for one); the HF token
      // only when none is set yet.
      applies: (d) =>
        (keyKind(d) === 'own' && (d.source?.provider !== 'ollama' || !!d.unauthorized || !!d.key)) || (keyKind(d) === 'hf' && !hasHfToken),
      async run(d, pos) {
        const wanted = !!d.unauthorized;
        const hf = keyKind(d) === 'hf';
        const prompt = hf
          ? 'Your Hugging Face access token (hf_…), kept in VS Code’s secret storage. Leave empty to set it later.'
          : wanted
            ? 'This server wants an API key. It is kept in VS Code’s secret storage for this model only.'
            : 'API key, if the server needs one (leave empty for none). Kept in VS Code’s secret storage for this model only.';
        const answer = await ui.inputStep({
          title: `${TITLE}: API key`,
          ...pos,
          prompt,
          password: true,
          value: d.key ?? '',
          placeholder: hf ? 'hf_…' : wanted ? 'required by this server' : 'optional',
          validate: async (v) => {
            if (/\s/.test(v.trim())) return { message: 'A key has no spaces.', severity: vscode.InputBoxValidationSeverity.Error };
            if (!v.trim()) return wanted ? { message: 'The server refuses requests without a key.', severity: vscode.InputBoxValidationSeverity.Warning } : undefined;
            if (hf) return undefined;
            const checked = await listFor({ ...d, key: v.trim() });
            if (checked.ok) return { message: 'Key accepted by the server.', severity: vscode.InputBoxValidationSeverity.Info };
            return { message: checked.reason, severity: vscode.InputBoxValidationSeverity.Warning };
          },
        });
        if (answer === BACK) return 'back';
        if (answer === undefined) return 'cancel';
        d.key = answer.trim() || undefined;
        return 'next';
      },
    },
    {
      applies: () => true,
      async run(d, pos) {
        const configured = new Map(readModelList().checks.flatMap((c) => (c.ok ? [[`${c.slot.provider} ${c.slot.model}`, c.slot.id] as const] : [])));
        const items = listFor(d).then((list) => {
          if (!list.ok) return [];
          return list.models.map((name) => {
            const id = configured.get(`${d.source!.provider} ${name}`);
            const facts = list.details[name] ?? undefined;
            return { label: name, description: id ? `already configured as ${id}` : facts, detail: id ? facts : undefined, model: name, listed: true };
          });
        });
        const list = await Promise.race([d.list!.result, new Promise<undefined>((r) => setTimeout(r, 50))]);
        const placeholder = list && !list.ok ? `${list.reason} Type a model name.` : 'Pick a model the server offers, or type a name';
        const picked = await ui.pickStep({
          title: `${TITLE}: model`,
          ...pos,
          placeholder,
          items,
          activeLabel: d.model,
          freeText: (value) => ({ label: `$(edit) Use "${value}"`, description: 'a name the server did not list', detail: undefined, model: value, listed: false }),
        });
        if (picked === BACK) return 'back';
        if (!picked) return 'cancel';
        if (d.model !== picked.model) d.label = undefined;
        d.model = picked.model;
        d.listed = picked.listed;
        return 'next';
      },
    },
    {
      applies: () => true,
      async run(d, pos) {
        const suggested = d.label ?? `${d.model} (${d.source!.where(d.endpoint, settings)})`;
        const answer = await ui.inputStep({
          title: `${TITLE}: label`,
          ...pos,
          prompt: 'The name shown on the model’s column.',
          value: suggested,
          validate: (v) => (v.trim() ? undefined : { message: 'A label cannot be empty.', severity: vscode.InputBoxValidationSeverity.Error }),
        });
        if (answer === BACK) return 'back';
        if (answer === undefined) return 'cancel';
        d.label = answer.trim();
        return 'next';
      },
    },
    {
      applies: () => (vscode.workspace.workspaceFolders?.length ?? 0) > 0,
      async run(d, pos) {
        const current = writableScope(readModelList().scope);
        const items = [
          { label: 'User settings', detail: 'For every workspace on this machine.', scope: 'user' as const },
          { label: 'Workspace settings', detail: 'Only for this workspace (.vscode/settings.json).', scope: 'workspace' as const },
        ];
        const picked = await ui.pickStep({ title: `${TITLE}: save in`, ...pos, placeholder: 'Where should the model be saved?', items, activeLabel: items.find((i) => i.scope === (d.scope ?? current))?.label });
        if (picked === BACK) return 'back';
        if (!picked) return 'cancel';
        d.scope = picked.scope;
        return 'next';
      },
    },
  ];

  let i = 0;
  const history: number[] = [];
  while (i < steps.length) {
    if (!steps[i].applies(draft)) {
      i++;
      continue;
    }
    const applicable = steps.filter((s) => s.applies(draft));
    // Before a source is picked the count is the longest any source can take, so the number only ever goes down.
    const totalSteps = draft.source ? applicable.length : Math.max(...sources.map((source) => steps.filter((s) => s.applies({ ...draft, source })).length));
    const outcome = await steps[i].run(draft, { step: applicable.indexOf(steps[i]) + 1, totalSteps });
    if (outcome === 'cancel') return undefined;
    if (outcome === 'back') {
      i = history.pop() ?? 0;
      continue;
    }
    history.push(i);
    i++;
  }
  return save(draft, settings, deps, keyKind(draft));
}

async function save(d: Draft, settings: Settings, deps: AddFlowDeps, kind: KeyKind): Promise<AddedModel> {
  const source = d.source!;
  const list = readModelList();
  const scope = d.scope ?? writableScope(list.scope);
  const current = list.raw.length ? list.raw : list.checks.flatMap((c) => (c.ok ? [c.slot] : []));
  const id = newEntryId(source.id === 'huggingface' ? 'hf' : source.id, d.model!, idsOf(current));
  const entry: Record<string, unknown> = { id, label: d.label, provider: source.provider, model: d.model };
  if (source.endpoint && d.endpoint && !source.endpoint.isDefault(d.endpoint, settings)) entry.endpoint = d.endpoint;
  let storedKey: AddedModel['storedKey'] = null;
  // The key first: the settings write triggers a check, which should already find the key.
  if (d.key && kind === 'own') {
    await deps.modelKeys.set(id, d.key);
    storedKey = 'own';
  } else if (d.key && kind === 'hf') {
    await deps.hfKeys.set(d.key);
    storedKey = 'hf';
  }
  await writeModelList([...current, entry], scope);
  deps.log.info(`models: added "${id}" (${source.provider} ${String(d.model)}${entry.endpoint ? ` at ${String(entry.endpoint)}` : ''}) to ${scope} settings${storedKey ? `; its key is in secret storage` : ''}.`);
  return { entry, scope, storedKey, listed: d.listed };
}

function describeList(list: ServerModels): vscode.InputBoxValidationMessage {
  if (list.ok) {
    const n = list.models.length;
    return { message: `Reachable: ${n} model${n === 1 ? '' : 's'} offered.`, severity: vscode.InputBoxValidationSeverity.Info };
  }
  if (list.problem === 'unauthorized') return { message: `${list.reason} You can enter a key in a later step.`, severity: vscode.InputBoxValidationSeverity.Info };
  return { message: `${list.reason} You can still add it.`, severity: vscode.InputBoxValidationSeverity.Warning };
}

/** A quick-pick label without its `$(icon)`. */
function plain(label: string): string {
  return label.replace(/\$\([^)]*\)\s*/g, '');
}
