// What happened to the session, oldest first: the partner's reviews (from the payload) and our audit entries.
// Every field of a partner's review may be missing: an undated review is listed after the dated entries, one
// without a status reads as a review by its author.
import { useTranslation } from 'react-i18next';
import type { SessionDetail } from '../../../shared/reviewer-api.js';
import type { Review } from '../../../shared/didit/session.js';
import { Section } from '../common/Section.js';
import { formatDateTime } from '../common/format.js';
import { statusLabel } from '../common/labels.js';

interface Entry {
  at: string | null;
  key: string;
  title: string;
  text: string | null;
}

/** A text field of a review, under its documented name or the reviews feed's (`actor_display`). */
function textOf(review: Review, ...names: string[]): string | null {
  for (const name of names) {
    const value = (review as Record<string, unknown>)[name];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return null;
}

/** Dated entries in time order; undated ones keep their place after them. */
function byTime(a: Entry, b: Entry): number {
  const ta = a.at ? Date.parse(a.at) : NaN;
  const tb = b.at ? Date.parse(b.at) : NaN;
  if (Number.isNaN(ta) || Number.isNaN(tb)) return Number.isNaN(ta) ? (Number.isNaN(tb) ? 0 : 1) : -1;
  return ta - tb;
}

export function Timeline({ detail }: { detail: SessionDetail }) {
  const { t, i18n } = useTranslation();
  const entries: Entry[] = [
    ...(detail.payload.reviews ?? []).map((r, i): Entry => {
      const user = textOf(r, 'user', 'actor_display', 'actor_email') ?? t('timeline.unknownUser');
      const status = textOf(r, 'new_status');
      return {
        at: textOf(r, 'created_at'),
        key: `r${i}`,
        title: status
          ? t('timeline.review', { status: statusLabel(t, status), user })
          : t('timeline.reviewNoStatus', { user }),
        text: textOf(r, 'comment'),
      };
    }),
    ...detail.audit.map((a): Entry => ({
      at: a.at,
      key: `a${a.seq}`,
      title: t(`auditType.${a.type}`, { defaultValue: a.type }),
      text: null,
    })),
  ].sort(byTime);
  return (
    <Section title={t('timeline.title')}>
      {entries.length === 0 ? (
        <p className="muted">{t('timeline.empty')}</p>
      ) : (
        <ol className="detail-timeline">
          {entries.map((e) => (
            <li key={e.key}>
              {e.at ? (
                <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time>
              ) : (
                <span className="muted">{t('timeline.undated')}</span>
              )}
              <strong>{e.title}</strong>
              {e.text && <p>{e.text}</p>}
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
