// What happened to the session, oldest first: the partner's reviews (from the payload) and our audit entries.
import { useTranslation } from 'react-i18next';
import type { SessionDetail } from '../../../shared/reviewer-api.js';
import { Section } from '../common/Section.js';
import { formatDateTime } from '../common/format.js';
import { statusLabel } from '../common/labels.js';

interface Entry {
  at: string;
  key: string;
  title: string;
  text: string | null;
}

export function Timeline({ detail }: { detail: SessionDetail }) {
  const { t, i18n } = useTranslation();
  const entries: Entry[] = [
    ...(detail.payload.reviews ?? []).map((r, i) => ({
      at: r.created_at,
      key: `r${i}`,
      title: t('timeline.review', { status: statusLabel(t, r.new_status), user: r.user ?? t('timeline.unknownUser') }),
      text: r.comment ?? null,
    })),
    ...detail.audit.map((a) => ({
      at: a.at,
      key: `a${a.seq}`,
      title: t(`auditType.${a.type}`, { defaultValue: a.type }),
      text: null,
    })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return (
    <Section title={t('timeline.title')}>
      {entries.length === 0 ? (
        <p className="muted">{t('timeline.empty')}</p>
      ) : (
        <ol className="timeline">
          {entries.map((e) => (
            <li key={e.key}>
              <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time>
              <strong>{e.title}</strong>
              {e.text && <p>{e.text}</p>}
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
