// Parts of a partner's session the app could not read (a block item, or a header field, whose shape it does not
// know). The rest of the case is shown as usual; each such part is marked here with the block it came from, why it
// did not fit, and its raw JSON exactly as received, pretty-printed as text (never HTML), so nothing is hidden from
// the analyst.
import { useTranslation } from 'react-i18next';
import type { UnreadablePart } from '../../../shared/didit/session-reader.js';

/** Raw JSON beyond this many characters is cut (the full payload stays in the cache and the case report). */
const MAX_RAW_CHARS = 20_000;

export function prettyJson(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_RAW_CHARS ? `${text.slice(0, MAX_RAW_CHARS)}\n…` : text;
}

export function UnreadableParts({ parts }: { parts: readonly UnreadablePart[] | null | undefined }) {
  const { t } = useTranslation();
  if (!parts || parts.length === 0) return null;
  return (
    <section className="common-section detail-unreadable" role="region" aria-label={t('unreadable.title')}>
      <h3>{t('unreadable.title')}</h3>
      <p className="muted">{t('unreadable.intro', { count: parts.length })}</p>
      <ul>
        {parts.map((part, i) => (
          <li key={`${part.block}-${part.index ?? 'x'}-${i}`} className="detail-unreadable-part">
            <p>
              <strong className="common-badge common-badge-review-unreviewed">{t('unreadable.badge')}</strong>{' '}
              <code>{part.index === null ? part.block : `${part.block}[${part.index}]`}</code>
            </p>
            <p>
              {t('unreadable.reason')}: <span>{part.reason}</span>
            </p>
            <details>
              <summary>{t('unreadable.raw')}</summary>
              <pre className="detail-raw-json">{prettyJson(part.raw)}</pre>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
