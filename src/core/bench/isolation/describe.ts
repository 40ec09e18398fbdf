/**
 * One line saying where the code ran and under which limits, for every report (Markdown, HTML, the VS Code view).
 * Pure and import-free, so the browser-side report can use it too.
 */
import type { SandboxInfo } from './types';

export function sandboxSummary(info: SandboxInfo | null | undefined): string {
  if (!info) return 'no code executed';
  if (info.kind === 'none') return 'none: NOT sandboxed (chosen explicitly); the code ran as the user, with network';
  const l = info.limits;
  const mib = (b: number) => `${Math.round(b / 1024 / 1024)} MiB`;
  const parts = [
    `memory ${l.memoryBytes !== null ? mib(l.memoryBytes) : 'not limited'}`,
    `processes ${l.processes ?? 'not limited'}`,
    `file size ${l.fileSizeBytes !== null ? mib(l.fileSizeBytes) : 'not limited'}`,
    `CPU ${l.cpuSeconds !== null ? `${l.cpuSeconds} s` : 'not limited'}`,
    ...(l.writableBytes !== null ? [`writable ${mib(l.writableBytes)}`] : []),
    `time ${l.timeoutMs} ms`,
    `output ${Math.round(l.outputCapBytes / 1024)} KiB`,
  ];
  return `${info.kind} (${info.tool ?? info.kind}): network ${info.network}; ${parts.join(', ')}`;
}
