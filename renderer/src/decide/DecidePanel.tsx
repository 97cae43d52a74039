// Approve / Decline for the open session, and what became of our decisions: queued, sending, synced, or a
// conflict with the server's decision shown next to ours.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Decision, SessionDetail } from '../../../shared/reviewer-api.js';
import { api } from '../bridge/engine-access.js';
import { useUi } from '../state/ui.js';
import { ErrorText } from '../common/ErrorText.js';
import { formatDateTime } from '../common/format.js';
import { decisionStateLabel, statusLabel } from '../common/labels.js';
import { canDecide } from './canDecide.js';
import './decide.css';

export function DecidePanel({ detail }: { detail: SessionDetail }) {
  const { t } = useTranslation();
  const requestDecision = useUi((s) => s.requestDecision);
  const { row } = detail;
  const subject = row.subjectName ?? t('queue.unnamed');
  const allowed = canDecide(row);
  return (
    <section className="decide" aria-label={t('decide.title')}>
      <div className="decide-buttons">
        <button
          type="button"
          className="primary"
          disabled={!allowed}
          onClick={() => requestDecision({ sessionId: row.id, subject, newStatus: 'Approved' })}
        >
          {t('decide.approve')}
        </button>
        <button
          type="button"
          className="danger"
          disabled={!allowed}
          onClick={() => requestDecision({ sessionId: row.id, subject, newStatus: 'Declined' })}
        >
          {t('decide.decline')}
        </button>
        {!allowed && (
          <span className="muted">
            {t(row.decision === 'queued' || row.decision === 'sending' ? 'decide.pending' : 'decide.notInReview')}
          </span>
        )}
      </div>
      {detail.decisions.length > 0 && (
        <ul className="decide-decisions" aria-label={t('decide.history')}>
          {detail.decisions.map((d) => (
            <DecisionItem key={d.id} decision={d} />
          ))}
        </ul>
      )}
    </section>
  );
}

function DecisionItem({ decision }: { decision: Decision }) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const acknowledge = async () => {
    try {
      // The engine announces it (outbox.changed names the session): the detail refetches from that.
      await api().acknowledgeConflict({ id: decision.id });
    } catch (e) {
      setError(e);
    }
  };
  return (
    <li className={`decide-decision decide-decision-${decision.state}`}>
      <div>
        <strong>{t('decide.ours', { status: statusLabel(t, decision.newStatus) })}</strong>{' '}
        <span className={`common-badge common-badge-decision-${decision.state}`}>
          {decisionStateLabel(t, decision.state)}
        </span>{' '}
        <span className="muted">{formatDateTime(decision.syncedAt ?? decision.createdAt, i18n.language)}</span>
      </div>
      {decision.comment && <p className="decide-comment">{decision.comment}</p>}
      {decision.state === 'conflict' && (
        <div className="decide-conflict" role="alert">
          <p>
            <strong>{t('decide.conflict')}</strong>
          </p>
          <div className="common-side-by-side">
            <div>
              <h4>{t('decide.ourDecision')}</h4>
              <p>{statusLabel(t, decision.newStatus)}</p>
              {decision.comment && <p className="decide-comment">{decision.comment}</p>}
            </div>
            <div>
              <h4>{t('decide.serverDecision')}</h4>
              <p>{decision.serverStatus ? statusLabel(t, decision.serverStatus) : t('common.notAvailable')}</p>
              {decision.serverComment && <p className="decide-comment">{decision.serverComment}</p>}
            </div>
          </div>
          <button type="button" className="secondary" onClick={acknowledge}>
            {t('decide.acknowledge')}
          </button>
          <ErrorText error={error} />
        </div>
      )}
      {decision.lastError && decision.state !== 'synced' && (
        <p className="muted">{t('decide.willRetry', { count: decision.attempts })}</p>
      )}
    </li>
  );
}
