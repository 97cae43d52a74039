// One queue row. Its accessible name starts with the subject's name so tests and screen readers can find it, and
// says the rest in the order the row shows it (WCAG 2.5.3: the name holds the visible text, in its order).
import { Fragment, memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { QueueRow } from '../../../shared/reviewer-api.js';
import { parseCheckFlags } from '../../../shared/case-signals.js';
import { decisionStateLabel, kindLabel, statusLabel, statusTone } from '../common/labels.js';
import { formatAge } from '../common/format.js';
import { useStatus } from '../state/status.js';

interface Props {
  row: QueueRow;
  index: number;
  total: number;
  selected: boolean;
  open: boolean;
  /** With the id of the row as shown: the list may have moved on by the time the click is handled. */
  onPick(index: number, sessionId: string): void;
}

export function queueRowDomId(index: number): string {
  return `queue-row-${index}`;
}

/** Failed checks first, then warned ones; at most this many by name, the rest as "+N". */
const MAX_CHECK_BADGES = 2;

interface Badge {
  text: string;
  className: string;
}

/** The row's check badges: each failed or warned check by name, and a possible duplicate. */
export function signalBadges(t: TFunction, row: QueueRow): Badge[] {
  // An AML check with open hits is already said by the hit count.
  const checks = parseCheckFlags(row.checkFlags).filter(
    (c) => !(row.amlHits > 0 && (c.key === 'aml' || c.key === 'companyAml') && c.outcome === 'warned'),
  );
  const badges: Badge[] = checks.slice(0, MAX_CHECK_BADGES).map((c) => ({
    text: t(c.outcome === 'failed' ? 'signals.rowFailed' : 'signals.rowWarned', { check: t(`signals.check.${c.key}`) }),
    className: `common-badge common-badge-check-${c.outcome}`,
  }));
  if (checks.length > MAX_CHECK_BADGES) {
    badges.push({
      text: t('signals.rowMore', { count: checks.length - MAX_CHECK_BADGES }),
      className: 'common-badge common-badge-check-more',
    });
  }
  if ((row.possibleDuplicates ?? 0) > 0) {
    badges.push({ text: t('signals.rowDuplicate'), className: 'common-badge common-badge-duplicate' });
  }
  return badges;
}

export const QueueRowView = memo(function QueueRowView({ row, index, total, selected, open, onPick }: Props) {
  const { t, i18n } = useTranslation();
  const name = row.subjectName ?? t('queue.unnamed');
  const age = formatAge(row.createdAt, i18n.language);
  const kind = kindLabel(t, row.kind);
  const status = statusLabel(t, row.status);
  const aml = t('queue.amlHits', { count: row.amlHits });
  const badges = signalBadges(t, row);
  const decision = row.decision ? decisionStateLabel(t, row.decision) : null;
  // Which connection the row belongs to, once there are several receiving connections.
  const connectionName = useStatus((s) =>
    s.connections.filter((c) => c.role !== 'issuer').length > 1
      ? (s.connections.find((c) => c.id === row.connectionId)?.name ?? null)
      : null,
  );
  // The same parts, in the same order, as the row shows.
  const parts = [
    name,
    row.vendorData,
    age,
    kind,
    status,
    row.amlHits > 0 ? aml : null,
    ...badges.map((b) => b.text),
    decision,
    connectionName,
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
      onClick={() => onPick(index, row.id)}
    >
      {/* The spaces between the parts keep their words apart for assistive technology (flex layout ignores them). */}
      <div className="queue-row-main">
        <span className="queue-row-name">{name}</span>{' '}
        <span className="queue-row-aside">
          {row.vendorData && <span className="queue-row-vendor-data">{row.vendorData}</span>}{' '}
          <span className="queue-row-age">{age}</span>
        </span>
      </div>{' '}
      <div className="queue-row-meta">
        <span className="common-badge common-badge-kind">{kind}</span>{' '}
        <span className={`common-badge common-badge-status-${statusTone(row.status)}`}>{status}</span>{' '}
        {row.amlHits > 0 && <span className="common-badge common-badge-aml">{aml}</span>}{' '}
        {badges.map((b) => (
          <Fragment key={b.text}>
            <span className={b.className}>{b.text}</span>{' '}
          </Fragment>
        ))}
        {decision && <span className={`common-badge common-badge-decision-${row.decision}`}>{decision}</span>}{' '}
        {connectionName && <span className="queue-row-connection">{connectionName}</span>}
      </div>
    </div>
  );
});
