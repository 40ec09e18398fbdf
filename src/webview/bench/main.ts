/**
 * The benchmark report view (browser side). It says `ready`, then draws every report the extension posts in place
 * with the shared renderer: no page reload, so the scroll position, opened answers and the document itself survive
 * live updates. Redraws are throttled (a run can post faster than charts are worth rebuilding). The scroll position
 * is kept with setState for when VS Code re-creates the document (hidden tab shown again, window reload).
 */
import { isExportFormat, type BenchViewSavedState, type BenchViewStatus, type FromBenchView, type ToBenchView } from '../../shared/bench-protocol';
import { assertNever } from '../../shared/protocol';
import { renderReport } from '../report/render';
import { readTheme, watchTheme } from './theme';

interface VsCodeApi {
  postMessage(message: FromBenchView): void;
  getState(): unknown;
  setState(state: BenchViewSavedState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const MIN_GAP_MS = 300;

const host = acquireVsCodeApi();
const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('main'));
const statusLine = document.querySelector<HTMLElement>('.bench-status');
const saved = host.getState() as Partial<BenchViewSavedState> | undefined;
let restoreScrollY = typeof saved?.scrollY === 'number' ? saved.scrollY : 0;
let latest: Extract<ToBenchView, { type: 'report' }> | undefined;
let theme = readTheme();
let scheduled = false;
let lastDraw = -Infinity;

function showStatus(status: BenchViewStatus): void {
  document.body.dataset.state = status.state;
  if (!statusLine) return;
  statusLine.dataset.state = status.state;
  statusLine.textContent = status.text;
}

function draw(): void {
  scheduled = false;
  if (!latest) return;
  lastDraw = performance.now();
  showStatus(latest.status);
  const { scrollX, scrollY } = window;
  renderReport(root, latest.report, { theme });
  if (restoreScrollY > 0) {
    // The first draw of a re-created document: back to where the reader was.
    window.scrollTo(0, restoreScrollY);
    restoreScrollY = 0;
  } else if (window.scrollY !== scrollY) {
    window.scrollTo(scrollX, scrollY);
  }
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  const wait = Math.max(0, lastDraw + MIN_GAP_MS - performance.now());
  setTimeout(() => requestAnimationFrame(draw), wait);
}

function receive(message: ToBenchView): void {
  switch (message.type) {
    case 'report':
      latest = message;
      schedule();
      break;
    default:
      // One member today: narrowing works on the discriminant, so a new member without a case fails here.
      assertNever(message.type);
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const data = event.data;
  if (typeof data === 'object' && data !== null && 'type' in data) receive(data as ToBenchView);
});

for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('button[data-export]'))) {
  button.addEventListener('click', () => {
    const format = button.dataset.export;
    if (isExportFormat(format)) host.postMessage({ type: 'export', format });
  });
}

let saving = 0;
window.addEventListener('scroll', () => {
  if (saving) return;
  saving = window.setTimeout(() => {
    saving = 0;
    host.setState({ scrollY: window.scrollY });
  }, 150);
});

watchTheme((next) => {
  theme = next;
  schedule();
});

host.postMessage({ type: 'ready' });
