/** What every section of the case report is given: the layout, the language, thresholds and local dispositions. */
import type { Warning } from '../../../shared/didit/session.js';
import type { PdfLayout } from './pdf-layout.js';
import type { ReportText } from './strings.js';
import type { DispositionView, ReportThresholds } from './index.js';

export interface SectionContext {
  pdf: PdfLayout;
  tx: ReportText;
  thresholds: ReportThresholds;
  /** The analyst's latest AML disposition per hit id. */
  dispositions: ReadonlyMap<string, DispositionView>;
  /** Lays out the images found for `[caption, locator]` pairs; missing media are left out. */
  images(items: [string, unknown][]): Promise<void>;
}

/** A check's warnings, one line each: errors and warnings in red, information muted. */
export function warningLines(ctx: SectionContext, list: readonly Warning[] | null | undefined): void {
  for (const w of list ?? []) {
    const text = w.short_description ?? w.long_description ?? (w.risk ? ctx.tx.value('risk', w.risk) : null);
    if (!text) continue;
    const info = w.log_type === 'information';
    ctx.pdf.paragraph(`${info ? 'ℹ' : '⚠'} ${text}`, { tone: info ? 'muted' : 'alert', indent: 0 });
  }
}

/** A partner value printable as one field, or null. */
export function scalar(value: unknown): string | number | boolean | null {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
}

export function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Scores arrive as 0..1 or 0..100 depending on the source; printed on a 0..100 scale. */
export function percentScale(score: number | null | undefined): number | null {
  if (typeof score !== 'number' || !Number.isFinite(score)) return null;
  return score > 0 && score <= 1 ? score * 100 : score;
}

/** "41 (threshold 70)", red when under it. */
export function scoreField(
  ctx: SectionContext,
  label: string,
  score: number | null | undefined,
  threshold: number,
): [string, string | null, { tone: 'alert' | 'ink' }] {
  const value = percentScale(score);
  if (value === null) return [label, null, { tone: 'ink' }];
  return [
    label,
    ctx.tx.t('scoreVsThreshold', { score: ctx.tx.number(value, 1), threshold: ctx.tx.number(threshold) }),
    { tone: value < threshold ? 'alert' : 'ink' },
  ];
}
