/**
 * Some models (completion-style ones, or chat templates gone wrong) start their answer by repeating the prompt; the
 * prototype dropped that echo. Only a real echo goes: the whole prompt, at the very start (after whitespace),
 * followed by whitespace and then more text. An answer that merely uses the prompt's words, starts with a prefix
 * of it, or is nothing but the prompt is left exactly as the model wrote it.
 *
 * Works on a stream: text is held back only while it could still be the echo, so a live client gets every
 * other answer from its first character.
 */
type Decision = 'wait' | 'keep' | { drop: number };

function decide(prompt: string, held: string): Decision {
  const body = held.trimStart();
  if (body.length <= prompt.length) return prompt.startsWith(body) ? 'wait' : 'keep';
  if (!body.startsWith(prompt)) return 'keep';
  const after = body.slice(prompt.length);
  if (!/^\s/.test(after)) return 'keep'; // "Write a function" → "Write a functional…": not an echo
  const rest = after.trimStart();
  if (rest === '') return 'wait';
  return { drop: held.length - rest.length };
}

export class EchoStripper {
  private readonly prompt: string;
  private held = '';
  private decided: boolean;

  constructor(prompt: string) {
    this.prompt = prompt.trim();
    this.decided = this.prompt === '';
  }

  /** Feeds the next piece of the answer; returns what can be passed on now (possibly ''). */
  push(text: string): string {
    if (this.decided) return text;
    this.held += text;
    const d = decide(this.prompt, this.held);
    if (d === 'wait') return '';
    this.decided = true;
    const out = d === 'keep' ? this.held : this.held.slice(d.drop);
    this.held = '';
    return out;
  }

  /** The end of the answer: whatever was still held back was no echo after all. */
  end(): string {
    this.decided = true;
    const out = this.held;
    this.held = '';
    return out;
  }
}

export function stripPromptEcho(prompt: string, response: string): string {
  const s = new EchoStripper(prompt);
  return s.push(response) + s.end();
}
