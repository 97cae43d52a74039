// The warnings a feature carries, most severe first, coloured by log_type.
import { useTranslation } from 'react-i18next';
import type { Warning } from '../../../shared/didit/session.js';

const LOG_TYPES = ['error', 'warning', 'information'] as const;

/** error → 0, warning → 1, information → 2, anything else after them. */
function rank(logType: string | null | undefined): number {
  const index = (LOG_TYPES as readonly (string | null | undefined)[]).indexOf(logType);
  return index === -1 ? LOG_TYPES.length : index;
}

export function Warnings({ warnings }: { warnings: readonly Warning[] | null | undefined }) {
  const { t } = useTranslation();
  if (!warnings || warnings.length === 0) return null;
  const sorted = [...warnings].sort((a, b) => rank(a.log_type) - rank(b.log_type));
  return (
    <ul className="common-warnings" aria-label={t('detail.warnings')}>
      {sorted.map((w, i) => {
        const known = rank(w.log_type) < LOG_TYPES.length;
        return (
          <li key={i} className={`common-warning common-warning-${known ? w.log_type : 'other'}`}>
            <strong>{w.short_description ?? w.risk ?? t('detail.warning')}</strong>
            {w.long_description && <span> — {w.long_description}</span>}
            {w.log_type && (
              <span className="common-warning-type">{known ? t(`logType.${w.log_type}`) : w.log_type}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
