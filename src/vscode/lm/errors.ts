/**
 * What a VS Code chat model's failure means, as a typed LlmError. Pure (no `vscode` import) so it is unit-tested:
 * VS Code re-creates a `LanguageModelError` in our extension host from another extension's failure, so the error is
 * recognised by its shape (`name` + `code`), which survives that trip, not by `instanceof`.
 */
import { CancelledError, LlmError } from '../../core/providers/errors';

/** The fields of `vscode.LanguageModelError` this mapping reads. */
interface LanguageModelErrorShape {
  name: string;
  code: string;
  message: string;
}

function isLanguageModelError(e: unknown): e is LanguageModelErrorShape {
  if (typeof e !== 'object' || e === null) return false;
  const { name, code } = e as Record<string, unknown>;
  return name === 'LanguageModelError' && typeof code === 'string';
}

function isCancellation(e: unknown): boolean {
  // vscode.CancellationError has name "Canceled"; an AbortSignal gives "AbortError".
  return e instanceof Error && (e.name === 'Canceled' || e.name === 'AbortError');
}

/**
 * `model` is how the user knows the model (its name and vendor). `cancelled` = we asked for the stop: whatever the
 * model's extension then throws is the cancellation, not a failure.
 */
export function chatModelFailure(e: unknown, model: string, cancelled: boolean): LlmError {
  if (e instanceof LlmError) return e;
  if (cancelled || isCancellation(e)) return new CancelledError();
  // Without its closing full stop: our sentences add their own.
  const detail = (e instanceof Error ? e.message : String(e)).trim().replace(/\.+$/, '');
  if (!isLanguageModelError(e)) {
    return new LlmError('unknown', `${model} failed: ${detail || 'no reason given'}.`, { cause: e, fix: 'retry' });
  }
  const said = detail ? ` (it said: ${detail})` : '';
  // Quota and rate limits arrive under various codes depending on the vendor; the words are all there is.
  if (/quota|billing|credits?\b/i.test(`${e.code} ${detail}`)) {
    return new LlmError('credits-exhausted', `${model}: the quota for this model is used up${said}. Check your plan with its vendor, or pick another model.`, { cause: e });
  }
  if (/rate.?limit|too many requests/i.test(`${e.code} ${detail}`)) {
    return new LlmError('rate-limited', `${model}: too many requests${said}. Wait a moment, then Retry.`, { cause: e, fix: 'retry' });
  }
  switch (e.code) {
    case 'NoPermissions':
      return new LlmError('forbidden', `VS Code did not let LLM Compare use ${model}: access was refused or not yet granted${said}. Allow it (Accounts menu › Manage Language Model Access), then Retry from the panel.`, { cause: e });
    case 'Blocked':
      return new LlmError('forbidden', `${model} blocked this request${said}. Its vendor may limit use (quota, policy or plan); try again later or pick another model.`, { cause: e });
    case 'NotFound':
      return new LlmError('model-not-found', `${model} is no longer offered by VS Code (its extension was disabled or signed out)${said}. Pick another model in the chooser.`, { cause: e });
    default:
      return new LlmError('unknown', `${model} failed${e.code ? ` (${e.code})` : ''}: ${detail || 'no reason given'}.`, { cause: e, fix: 'retry' });
  }
}
