/**
 * Model output on its way to a terminal (the CLI's text reports, the HTTP endpoint's `text/plain` read by curl):
 * it is untrusted, and a terminal obeys escape sequences (move the cursor, rewrite lines, set the window title, hide
 * text). Control characters become visible, inert stand-ins; newlines and tabs stay.
 */
// C0 controls but \t and \n, DEL, C1 controls (U+009B is a one-character CSI), bidi overrides and isolates.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f\u0080-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function safeForTerminal(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code); // ␛, ␍, ␇ …
    if (code === 0x7f) return '\u2421'; // ␡
    return '\ufffd';
  });
}
