// One queue row. Its accessible name starts with the subject's name so tests and screen readers can find it.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueRow } from '../../../shared/reviewer-api.js';
import { decisionStateLabel, kindLabel, statusLabel, statusTone } from '../common/labels.js';
import { formatAge } from '../common/format.js';

interface Props {
  row: QueueRow;
  index: number;
  total: number;
  selected: boolean;
  open: boolean;
  onPick(index: number): void;
}

export function queueRowDomId(index: number): string {
  return `queue-row-${index}`;
}

export const QueueRowView = memo(function QueueRowView({ row, index, total, selected, open, onPick }: Props) {
  const { t, i18n } = useTranslation();
  const name = row.subjectName ?? t('queue.unnamed');
  const age = formatAge(row.createdAt, i18n.language);
  const parts = [
    name,
    row.vendorData,
    kindLabel(t, row.kind),
    statusLabel(t, row.status),
    t('queue.amlHits', { count: row.amlHits }),
    age,
    row.decision ? decisionStateLabel(t, row.decision) : null,
  ].filter(Boolean);
  return (
    <div
      id={queueRowDomId(index)}
      role="option"
      aria-selected={selected}
      aria-setsize={total}
      aria-posinset={index + 1}
      aria-label={parts.join(', ')}
      className={`queue-row${selected ? ' queue-row-selected' : ''}${open ? ' queue-row-open' : ''}`}
      onClick={() => onPick(index)}
    >
      <div className="queue-row-main">
        <span className="queue-row-name">{name}</span>
        <span className={`common-badge common-badge-status-${statusTone(row.status)}`}>
          {statusLabel(t, row.status)}
        </span>
      </div>
      <div className="queue-row-meta">
        <span className="common-badge common-badge-kind">{kindLabel(t, row.kind)}</span>
        {row.vendorData && <span className="queue-row-vendor-data">{row.vendorData}</span>}
        {row.amlHits > 0 && (
          <span className="common-badge common-badge-aml">{t('queue.amlHits', { count: row.amlHits })}</span>
        )}
        {row.decision && (
          <span className={`common-badge common-badge-decision-${row.decision}`}>
            {decisionStateLabel(t, row.decision)}
          </span>
        )}
        <span className="queue-row-age">{age}</span>
      </div>
    </div>
  );
});
