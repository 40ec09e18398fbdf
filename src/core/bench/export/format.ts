/** Number formatting shared by the text exports (Markdown, CLI summary). */
export function fmtMs(v: number | null): string {
  if (v === null) return '–';
  return v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`;
}

export function fmtNum(v: number | null, digits = 1): string {
  return v === null ? '–' : v.toFixed(digits);
}

export function fmtPct(v: number | null): string {
  return v === null ? '–' : `${(v * 100).toFixed(1)}%`;
}

export function fmtBytes(v: number | null): string {
  if (v === null) return '–';
  const gb = v / 1e9;
  return gb >= 1 ? `${gb.toFixed(1)} GB` : `${(v / 1e6).toFixed(0)} MB`;
}
