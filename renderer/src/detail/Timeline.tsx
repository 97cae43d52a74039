// What happened to the session, oldest first (timelineEntries.ts): the server's reviews, our decisions and local
// notes with analyst and time, and the audit entries. Comments are shown without the exactly-once marker.
import { useTranslation } from 'react-i18next';
import type { SessionDetail } from '../../../shared/reviewer-api.js';
import { Section } from '../common/Section.js';
import { formatDateTime } from '../common/format.js';
import { timelineEntries, type TimelineEntry } from './timelineEntries.js';

export function Timeline({ detail, extra }: { detail: SessionDetail; extra?: readonly TimelineEntry[] }) {
  const { t, i18n } = useTranslation();
  const entries = timelineEntries(t, detail, extra);
  return (
    <Section title={t('timeline.title')}>
      {entries.length === 0 ? (
        <p className="muted">{t('timeline.empty')}</p>
      ) : (
        <ol className="detail-timeline">
          {entries.map((e) => (
            <li key={e.key} className={`detail-timeline-${e.kind}`}>
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
