/** The Markdown table printed at the end of a run. */
import { ratioOf, verdictOf, type Metric, type Target } from './metric.ts';
import type { Summary } from './stats.ts';

/** About three significant digits, without exponent notation. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toPrecision(2);
}

/** "12.3 (11.0–14.1)": the median, then the range over the runs. */
export function formatSummary(s: Summary | null): string {
  if (!s) return '—';
  if (s.samples.length === 1) return formatNumber(s.median);
  return `${formatNumber(s.median)} (${formatNumber(s.min)}–${formatNumber(s.max)})`;
}

export function formatTarget(t: Target | null, unit: string): string {
  if (!t) return '—';
  const parts: string[] = [];
  if (t.min !== undefined) parts.push(`≥ ${formatNumber(t.min)} ${unit}`);
  if (t.max !== undefined) parts.push(`≤ ${formatNumber(t.max)} ${unit}`);
  if (t.minRatio !== undefined) parts.push(`≥ ${formatNumber(t.minRatio)}× ref`);
  if (t.maxRatio !== undefined) parts.push(`≤ ${formatNumber(t.maxRatio)}× ref`);
  return parts.join(', ');
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|');
}

export function formatTable(metrics: readonly Metric[]): string {
  const rows = [
    '| scenario | ours | reference | ratio | target | pass/miss |',
    '|---|---|---|---|---|---|',
  ];
  for (const m of metrics) {
    const ratio = ratioOf(m);
    rows.push(
      `| ${[
        `${m.scenario}: ${m.name} (${m.unit})`,
        formatSummary(m.ours),
        formatSummary(m.reference),
        ratio === null ? '—' : `${formatNumber(ratio)}×`,
        formatTarget(m.target, m.unit),
        verdictOf(m),
      ]
        .map(cell)
        .join(' | ')} |`,
    );
  }
  return rows.join('\n');
}
