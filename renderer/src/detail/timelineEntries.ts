// What the timeline lists, oldest first: the server's reviews, our decisions (with analyst, reasons, steps and
// state), local notes (with analyst), and the remaining audit entries. Every comment shown passes through
// `stripMarker`: the exactly-once marker is machine data, never shown. A review on the server that carries one of
// our markers is our own decision coming back, listed once, as ours. More sources (e.g. AML dispositions) join
// through `extra`.
import type { TFunction } from 'i18next';
import type { SessionDetail } from '../../../shared/reviewer-api.js';
import type { Review } from '../../../shared/didit/session.js';
import { stripMarker } from '../../../shared/decision-text.js';
import { decisionStateLabel, statusLabel } from '../common/labels.js';

export interface TimelineEntry {
  at: string | null;
  key: string;
  title: string;
  text: string | null;
  kind: 'review' | 'decision' | 'note' | 'audit' | 'other';
}

/** Audit types the timeline already shows as richer entries (a decision, a note). */
const SHOWN_AS_ENTRIES = new Set(['decision.made', 'decision.reversed', 'note.added']);

/** A text field of a review, under its documented name or the reviews feed's (`actor_display`). */
function textOf(review: Review, ...names: string[]): string | null {
  for (const name of names) {
    const value = (review as Record<string, unknown>)[name];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return null;
}

/** Dated entries in time order; undated ones keep their place after them. */
function byTime(a: TimelineEntry, b: TimelineEntry): number {
  const ta = a.at ? Date.parse(a.at) : NaN;
  const tb = b.at ? Date.parse(b.at) : NaN;
  if (Number.isNaN(ta) || Number.isNaN(tb)) return Number.isNaN(ta) ? (Number.isNaN(tb) ? 0 : 1) : -1;
  return ta - tb;
}

export function timelineEntries(
  t: TFunction,
  detail: SessionDetail,
  extra: readonly TimelineEntry[] = [],
): TimelineEntry[] {
  const decisionList = detail.decisions ?? [];
  const markers = decisionList.map((d) => d.marker);
  const ours = (comment: string | null) => comment !== null && markers.some((m) => comment.includes(m));
  const reviews = (detail.payload.reviews ?? [])
    .map((r, i) => ({ r, i, comment: textOf(r, 'comment') }))
    .filter(({ comment }) => !ours(comment))
    .map(({ r, i, comment }): TimelineEntry => {
      const user = textOf(r, 'user', 'actor_display', 'actor_email') ?? t('timeline.unknownUser');
      const status = textOf(r, 'new_status');
      return {
        at: textOf(r, 'created_at'),
        key: `r${i}`,
        title: status
          ? t('timeline.review', { status: statusLabel(t, status), user })
          : t('timeline.reviewNoStatus', { user }),
        text: stripMarker(comment) || null,
        kind: 'review',
      };
    });
  const decisions = decisionList.map((d): TimelineEntry => {
    const lines = [
      d.reasons.length > 0 ? t('decide.reasonsList', { reasons: d.reasons.map((r) => r.label).join('; ') }) : null,
      d.nodesToResubmit.length > 0 ? t('decide.stepsList', { steps: d.nodesToResubmit.join(', ') }) : null,
      stripMarker(d.comment) || null,
    ].filter((l): l is string => l !== null);
    const reversal = d.fromStatus !== 'In Review' && d.fromStatus !== 'IN_REVIEW';
    return {
      at: d.createdAt,
      key: `d${d.id}`,
      title: t(reversal ? 'timeline.reversal' : 'timeline.decision', {
        status: statusLabel(t, d.newStatus),
        user: d.analyst.name || t('timeline.unknownUser'),
        state: decisionStateLabel(t, d.state),
      }),
      text: lines.length > 0 ? lines.join('\n') : null,
      kind: 'decision',
    };
  });
  const notes = (detail.notes ?? []).map((n): TimelineEntry => ({
    at: n.createdAt,
    key: `n${n.id}`,
    title: t('timeline.note', { user: n.analyst.name || t('timeline.unknownUser') }),
    text: stripMarker(n.text),
    kind: 'note',
  }));
  const audit = (detail.audit ?? [])
    .filter((a) => !SHOWN_AS_ENTRIES.has(a.type))
    .map((a): TimelineEntry => ({
      at: a.at,
      key: `a${a.seq}`,
      title: t(`auditType.${a.type}`, { defaultValue: a.type }),
      text: null,
      kind: 'audit',
    }));
  return [...reviews, ...decisions, ...notes, ...audit, ...extra].sort(byTime);
}
