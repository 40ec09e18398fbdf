/**
 * markdown-it's two entity decoders (`decodeHTML`, `decodeHTMLStrict` from `entities`), answered by
 * decode-named-character-reference. In the webview bundle (esbuild's `browser` condition) that library asks the
 * browser's own HTML parser, so the panel does not ship a second copy of the 2,231-name table (≈ 19 KB of the .vsix);
 * under node (its own test: markdown-it there keeps `entities`) the library reads the table from `character-entities`.
 *
 * markdown-it only ever passes one whole reference, `&name;` (its numeric references it decodes itself). Both are
 * strict here, as CommonMark asks: `&notit;` is not `¬it;`, an unknown name stays as it was written. Anything that is
 * not exactly `&` + letters/digits + `;` is returned untouched, so no other text ever reaches the HTML parser.
 */
import { decodeNamedCharacterReference } from 'decode-named-character-reference';

const ONE_NAMED_REFERENCE = /^&([A-Za-z][A-Za-z0-9]{0,31});$/;

export function decodeHTMLStrict(reference: string): string {
  const name = ONE_NAMED_REFERENCE.exec(reference)?.[1];
  if (name === undefined) return reference;
  const decoded = decodeNamedCharacterReference(name);
  return decoded === false ? reference : decoded;
}

export const decodeHTML = decodeHTMLStrict;
