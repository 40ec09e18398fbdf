/**
 * The report view's own few lines of browser script: export buttons and keeping the scroll position across
 * re-renders. It is written here, type-checked against the DOM and the message protocol, and inlined (by nonce)
 * from its source text, because the renderer bundle (dist/webview/report.js) is shared with the HTML export and
 * must stay free of VS Code. It therefore must not use anything from the module around it.
 */
import type { BenchViewMessage } from './protocol';

interface BootState {
  scrollY?: number;
}

declare function acquireVsCodeApi(): {
  postMessage(message: BenchViewMessage): void;
  getState(): BootState | undefined;
  setState(state: BootState): void;
};

export function benchViewBoot(): void {
  const host = acquireVsCodeApi();
  for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('button[data-export]'))) {
    button.addEventListener('click', () => {
      // The extension validates the format again: this side is never trusted.
      host.postMessage({ type: 'export', format: button.dataset.export as BenchViewMessage['format'] });
    });
  }
  // Every live update reloads the document; put the reader back where they were.
  const saved = host.getState()?.scrollY;
  if (typeof saved === 'number' && saved > 0) window.scrollTo(0, saved);
  let pending = 0;
  window.addEventListener('scroll', () => {
    if (pending) return;
    pending = window.setTimeout(() => {
      pending = 0;
      host.setState({ scrollY: window.scrollY });
    }, 150);
  });
}

/** The function's source as an immediately-invoked script. */
export function bootScript(): string {
  return `(${benchViewBoot.toString()})();`;
}
