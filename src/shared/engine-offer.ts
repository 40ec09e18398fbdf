/**
 * The panel's first-run offer of the built-in engine, as both sides of the webview boundary see it, and the words
 * for its size. Pure: the sizes come from the set-up plan (what the servers reported), never from a guess.
 */

/** Sent when no model can answer: Ollama is not reachable, no Hugging Face key, no usable built-in engine. */
export interface EngineOfferView {
  /** What the set-up would download, in bytes; null = unknown (a size was not reported, or the plan failed). */
  downloadBytes: number | null;
  /** The Ollama host that did not answer (a fact for the sentence above the button). */
  ollamaHost: string;
}

/** Megabytes as the CLI prints them (10^6 bytes); one decimal below 10 MB so a small file is not "0 MB". */
export function megabytes(bytes: number): string {
  const mb = bytes / 1e6;
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/** "downloads about 412 MB", "nothing to download", or "size unknown". */
export function downloadWords(bytes: number | null): string {
  if (bytes === null) return 'size unknown';
  if (bytes === 0) return 'nothing to download';
  return `downloads about ${megabytes(bytes)}`;
}

/** The offer's button. */
export function offerLabel(bytes: number | null): string {
  return `Use the built-in engine (${downloadWords(bytes)})`;
}
