/**
 * Quick-input steps with a Back button, for guided flows ("Add model…"). Each step resolves with the answer, BACK,
 * or undefined (Escape). Features reach these through `Ui` so extension-host tests can answer them.
 */
import * as vscode from 'vscode';

/** A registered symbol: the extension and a separately bundled test must agree on it. */
export const BACK: unique symbol = Symbol.for('llmCompare.quickInput.back');
export type Back = typeof BACK;

interface StepPosition {
  title: string;
  step: number;
  totalSteps: number;
}

export interface PickStepOptions<T extends vscode.QuickPickItem> extends StepPosition {
  placeholder: string;
  /** Items, or a promise of them (the step shows as busy meanwhile). */
  items: readonly T[] | Promise<readonly T[]>;
  /** When set, whatever the user typed is offered as one more item: the function makes it. */
  freeText?: (value: string) => T | undefined;
  /** The item to focus first (e.g. the answer given before going Back). */
  activeLabel?: string;
}

export interface InputStepOptions extends StepPosition {
  prompt: string;
  value?: string;
  placeholder?: string;
  password?: boolean;
  /** Checked as the user types; an Error-severity message blocks Enter, Warning and Info only inform. */
  validate?: (value: string) => Promise<string | vscode.InputBoxValidationMessage | undefined> | string | vscode.InputBoxValidationMessage | undefined;
}

export function pickStep<T extends vscode.QuickPickItem>(o: PickStepOptions<T>): Promise<T | Back | undefined> {
  const qp = vscode.window.createQuickPick<T>();
  qp.title = o.title;
  qp.step = o.step;
  qp.totalSteps = o.totalSteps;
  qp.placeholder = o.placeholder;
  qp.ignoreFocusOut = true;
  qp.matchOnDescription = true;
  qp.buttons = o.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  let fixed: readonly T[] = [];
  const render = () => {
    const typed = o.freeText && qp.value.trim() ? o.freeText(qp.value.trim()) : undefined;
    const exact = fixed.some((i) => i.label === qp.value.trim());
    // Last, and labelled `Use "…"` by the caller, so a listed name that matches ranks above it and Enter takes that;
    // when nothing matches it is the only row, hence the active one.
    qp.items = typed && !exact ? [...fixed, { ...typed, alwaysShow: true }] : [...fixed];
  };
  const loaded = Promise.resolve(o.items).then((items) => {
    fixed = items;
    render();
    const active = o.activeLabel ? qp.items.find((i) => i.label === o.activeLabel) : undefined;
    if (active) qp.activeItems = [active];
  });
  qp.busy = true;
  void loaded.finally(() => (qp.busy = false));
  return new Promise((resolve) => {
    const subs = [
      qp.onDidChangeValue(() => render()),
      qp.onDidTriggerButton((b) => b === vscode.QuickInputButtons.Back && finish(BACK)),
      qp.onDidAccept(() => {
        const picked = qp.selectedItems[0] ?? qp.activeItems[0];
        if (picked) finish(picked);
      }),
      qp.onDidHide(() => finish(undefined)),
    ];
    let done = false;
    function finish(result: T | Back | undefined): void {
      if (done) return;
      done = true;
      subs.forEach((s) => s.dispose());
      qp.dispose();
      resolve(result);
    }
    qp.show();
  });
}

export function inputStep(o: InputStepOptions): Promise<string | Back | undefined> {
  const box = vscode.window.createInputBox();
  box.title = o.title;
  box.step = o.step;
  box.totalSteps = o.totalSteps;
  box.prompt = o.prompt;
  box.value = o.value ?? '';
  box.valueSelection = o.password ? undefined : [0, box.value.length];
  box.placeholder = o.placeholder;
  box.password = o.password ?? false;
  box.ignoreFocusOut = true;
  box.buttons = o.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  let checking = 0;
  let blocked = false;
  /** The value the shown message belongs to, once its check finished. */
  let judged: string | undefined;
  let pending: Promise<void> = Promise.resolve();
  const validate = (value: string): Promise<void> => {
    if (!o.validate) return Promise.resolve();
    const mine = ++checking;
    box.busy = true;
    pending = Promise.resolve(o.validate(value)).then((message) => {
      if (mine !== checking) return; // the user typed on: a newer check owns the message
      box.busy = false;
      box.validationMessage = message;
      blocked = typeof message === 'string' || message?.severity === vscode.InputBoxValidationSeverity.Error;
      judged = value;
    });
    return pending;
  };
  void validate(box.value);
  return new Promise((resolve) => {
    const subs = [
      box.onDidChangeValue((v) => void validate(v)),
      box.onDidTriggerButton((b) => b === vscode.QuickInputButtons.Back && finish(BACK)),
      box.onDidAccept(async () => {
        // Enter during a check waits for it (a live check of a server can take a few seconds), never re-asks.
        if (!o.validate) return finish(box.value);
        if (judged !== box.value) await (box.busy ? pending : validate(box.value));
        if (judged === box.value && !blocked) finish(box.value);
      }),
      box.onDidHide(() => finish(undefined)),
    ];
    let done = false;
    function finish(result: string | Back | undefined): void {
      if (done) return;
      done = true;
      subs.forEach((s) => s.dispose());
      box.dispose();
      resolve(result);
    }
    box.show();
  });
}
