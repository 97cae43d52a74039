// Approve / Decline / Request resubmission for the open session (or reverse a decided one), what became of our
// decisions (queued, sending, synced, retracted, or a conflict with the server's decision shown next to ours), who
// made each, and retraction of a queued one before it is sent.
import { useTranslation } from 'react-i18next';
import type { Decision, SessionDetail } from '../../../shared/reviewer-api.js';
import { stripMarker } from '../../../shared/decision-text.js';
import { sessionSteps } from '../../../shared/session-steps.js';
import { api } from '../bridge/engine-access.js';
import { useUi } from '../state/ui.js';
import { ErrorText } from '../common/ErrorText.js';
import { useEngineAction } from '../common/useEngineAction.js';
import { formatDateTime } from '../common/format.js';
import { decisionStateLabel, statusLabel } from '../common/labels.js';
import { canDecide, reversalTarget } from './canDecide.js';
import { NotesPanel } from './NotesPanel.js';
import { FourEyesPanel } from './FourEyesPanel.js';
import './decide.css';

export function DecidePanel({ detail }: { detail: SessionDetail }) {
  const { t } = useTranslation();
  const requestDecision = useUi((s) => s.requestDecision);
  const { row } = detail;
  const subject = row.subjectName ?? t('queue.unnamed');
  const allowed = canDecide(row);
  const reverseTo = reversalTarget(row);
  const pending = row.decision === 'queued' || row.decision === 'sending';
  const propose = detail.fourEyes?.required === true;
  const openProposal = (detail.fourEyes?.proposals ?? []).some((p) => p.state === 'open');
  return (
    <section className="decide" aria-label={t('decide.title')}>
      <div className="decide-buttons">
        {reverseTo ? (
          <button
            type="button"
            className="secondary"
            onClick={() =>
              requestDecision({ sessionId: row.id, subject, newStatus: reverseTo, reverseFrom: row.status })
            }
          >
            {t('decide.reverse', { status: statusLabel(t, reverseTo) })}
          </button>
        ) : (
          <>
            <button
              type="button"
              className="primary"
              disabled={!allowed || (propose && openProposal)}
              onClick={() => requestDecision({ sessionId: row.id, subject, newStatus: 'Approved', propose })}
            >
              {t(propose ? 'fourEyes.proposeApprove' : 'decide.approve')}
            </button>
            <button
              type="button"
              className="danger"
              disabled={!allowed || (propose && openProposal)}
              onClick={() => requestDecision({ sessionId: row.id, subject, newStatus: 'Declined', propose })}
            >
              {t(propose ? 'fourEyes.proposeDecline' : 'decide.decline')}
            </button>
            <button
              type="button"
              className="secondary"
              disabled={!allowed}
              onClick={() =>
                requestDecision({
                  sessionId: row.id,
                  subject,
                  newStatus: 'Resubmitted',
                  steps: sessionSteps(detail.payload),
                })
              }
            >
              {t('decide.resubmit')}
            </button>
            {!allowed && (
              <span className="muted">
                {t(
                  row.decision === 'queued'
                    ? 'decide.pendingRetract'
                    : pending
                      ? 'decide.pending'
                      : 'decide.notInReview',
                )}
              </span>
            )}
          </>
        )}
      </div>
      <FourEyesPanel detail={detail} />
      {detail.decisions.length > 0 && (
        <ul className="decide-decisions" aria-label={t('decide.history')}>
          {detail.decisions.map((d) => (
            <DecisionItem key={d.id} decision={d} held={(detail.heldDecisionIds ?? []).includes(d.id)} />
          ))}
        </ul>
      )}
      <NotesPanel detail={detail} />
    </section>
  );
}

/** `held`: kept back because the server's evidence changed after it was made ("review again"). */
function DecisionItem({ decision, held = false }: { decision: Decision; held?: boolean }) {
  const { t, i18n } = useTranslation();
  const { busy, error, run } = useEngineAction();
  // The engine announces it (outbox.changed names the session): the detail refetches from that.
  const acknowledge = () => void run(() => api().acknowledgeConflict({ id: decision.id }));
  const retract = () => void run(() => api().retractDecision({ id: decision.id }));
  const status = statusLabel(t, decision.newStatus);
  return (
    <li className={`decide-decision decide-decision-${decision.state}`}>
      <div>
        <strong>{t('decide.ours', { status })}</strong>{' '}
        <span className={`common-badge common-badge-decision-${decision.state}`}>
          {decisionStateLabel(t, decision.state)}
        </span>{' '}
        {decision.analyst.name && <span>{t('decide.by', { name: decision.analyst.name })}</span>}{' '}
        <span className="muted">
          {formatDateTime(decision.retractedAt ?? decision.syncedAt ?? decision.createdAt, i18n.language)}
        </span>
        {decision.state === 'queued' && (
          <button
            type="button"
            className="secondary small decide-retract"
            aria-label={t('decide.retractNamed', { status })}
            disabled={busy}
            onClick={retract}
          >
            {busy ? t('decide.retracting') : t('decide.retract')}
          </button>
        )}
      </div>
      {decision.state === 'sending' && <p className="muted">{t('decide.sendingNoRetract')}</p>}
      {decision.reasons.length > 0 && (
        <p className="decide-reasons">
          {t('decide.reasonsList', { reasons: decision.reasons.map((r) => r.label).join('; ') })}
        </p>
      )}
      {decision.nodesToResubmit.length > 0 && (
        <p className="decide-reasons">{t('decide.stepsList', { steps: decision.nodesToResubmit.join(', ') })}</p>
      )}
      {decision.comment && <p className="decide-comment">{stripMarker(decision.comment)}</p>}
      {decision.state === 'conflict' && (
        <div className="decide-conflict" role="alert">
          <p>
            <strong>{t(held ? 'evidence.changed' : 'decide.conflict')}</strong>
          </p>
          <div className="common-side-by-side">
            <div>
              <h4>{t('decide.ourDecision')}</h4>
              <p>{status}</p>
              {decision.comment && <p className="decide-comment">{stripMarker(decision.comment)}</p>}
            </div>
            <div>
              <h4>{t('decide.serverDecision')}</h4>
              <p>{decision.serverStatus ? statusLabel(t, decision.serverStatus) : t('common.notAvailable')}</p>
              {decision.serverComment && <p className="decide-comment">{stripMarker(decision.serverComment)}</p>}
            </div>
          </div>
          {!decision.acknowledgedAt && (
            <button type="button" className="secondary" onClick={acknowledge}>
              {t('decide.acknowledge')}
            </button>
          )}
        </div>
      )}
      <ErrorText error={error} />
      {decision.lastError && (decision.state === 'queued' || decision.state === 'sending') && (
        <p className="muted">{t('decide.willRetry', { count: decision.attempts })}</p>
      )}
    </li>
  );
}
