/**
 * Model text, server messages and labels are untrusted: written raw to a terminal, an answer could recolour,
 * retitle (OSC), hide or rewrite (CR, backspace, cursor moves) what the user sees, or reorder it (bidi overrides).
 * Every human-readable CLI output (text and Markdown reports, progress lines, logs, errors) goes through
 * `visibleControls`, which shows such characters as escapes instead. JSON output stays exact (JSON.stringify
 * already escapes C0 controls) and HTML is escaped for the browser.
 */

/** C0 controls except tab and newline, DEL, C1 controls, and the bidi embedding/override/isolate characters. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function escapeOne(ch: string): string {
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

/**
 * Text safe to write to a terminal: newline and tab stay, CR stays only as part of CRLF, every other control
 * character becomes a visible escape such as `\x1b` (ESC), `\x07` (BEL), `\x0d` (a lone CR) or `\u{202e}`.
 */
export function visibleControls(text: string): string {
  return text.replace(/\r(?!\n)/g, '\\x0d').replace(/\r\n/g, '\n').replace(UNSAFE, escapeOne);
}
