// Four-eyes on the open case (issue 9, item 5): the connection's policy, the proposals on this session (ours and
// other workstations'), and Confirm / Withdraw. The proposer cannot confirm; the engine refuses it too. KYC proposals
// travel through Didit's reviews feed; KYB has no feed, so the panel says they stay in this profile.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sameAnalyst, type Proposal, type SessionDetail } from '../../../shared/reviewer-api.js';
import { api } from '../bridge/engine-access.js';
import { ErrorText } from '../common/ErrorText.js';
import { useEngineAction } from '../common/useEngineAction.js';
import { formatDateTime } from '../common/format.js';
import { statusLabel } from '../common/labels.js';
import { useAnalyst } from '../frame/analyst.js';
import { needsHitConfirmation, UnreviewedHitsConfirm } from './UnreviewedHitsConfirm.js';

export function FourEyesPanel({ detail }: { detail: SessionDetail }) {
  const { t } = useTranslation();
  const fourEyes = detail.fourEyes;
  if (!fourEyes || (fourEyes.policy === 'off' && fourEyes.proposals.length === 0)) return null;
  return (
    <section className="decide-four-eyes" aria-label={t('fourEyes.title')}>
      <h4>{t('fourEyes.title')}</h4>
      {fourEyes.required && (
        <p className="muted">{t(fourEyes.shared ? 'fourEyes.sharedHint' : 'fourEyes.localHint')}</p>
      )}
      {fourEyes.proposals.length > 0 && (
        <ul className="decide-proposals">
          {[...fourEyes.proposals].reverse().map((p) => (
            <ProposalItem key={p.id} proposal={p} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ProposalItem({ proposal: p }: { proposal: Proposal }) {
  const { t, i18n } = useTranslation();
  const me = useAnalyst((s) => s.analyst ?? s.suggested);
  const { busy, error, run } = useEngineAction();
  const [confirmHits, setConfirmHits] = useState(false);
  const mine = me !== null && sameAnalyst(me, p.proposer);
  const status = statusLabel(t, p.newStatus);
  return (
    <li className={`decide-proposal decide-proposal-${p.state}`}>
      <div>
        <strong>{t('fourEyes.proposes', { name: p.proposer.name, status })}</strong>{' '}
        <span className={`common-badge common-badge-proposal-${p.state}`}>{t(`fourEyes.state.${p.state}`)}</span>{' '}
        <span className="muted">{formatDateTime(p.createdAt, i18n.language)}</span>
      </div>
      {p.reasons.length > 0 && (
        <p className="decide-reasons">
          {t('decide.reasonsList', { reasons: p.reasons.map((r) => r.label).join('; ') })}
        </p>
      )}
      {p.comment && <p className="decide-comment">{p.comment}</p>}
      {p.state === 'open' && p.publication === 'pending' && <p className="muted">{t('fourEyes.pending')}</p>}
      {p.state === 'voided' && <p className="muted">{t('fourEyes.voided')}</p>}
      {p.state !== 'open' && p.closedBy && <p className="muted">{t('fourEyes.closedBy', { name: p.closedBy })}</p>}
      {p.state === 'open' && (
        <div className="common-actions">
          {mine ? (
            <>
              <span className="muted">{t('fourEyes.ownProposal')}</span>
              {p.origin === 'local' && (
                <button
                  type="button"
                  className="secondary small"
                  disabled={busy}
                  onClick={() => void run(() => api().withdrawProposal({ id: p.id }))}
                >
                  {t('fourEyes.withdraw')}
                </button>
              )}
            </>
          ) : (
            <button
              type="button"
              className={p.newStatus === 'Approved' ? 'primary' : 'danger'}
              disabled={busy}
              onClick={() => void run(() => api().confirmProposal({ id: p.id, confirmUnreviewedHits: confirmHits }))}
            >
              {t('fourEyes.confirm', { status })}
            </button>
          )}
        </div>
      )}
      <UnreviewedHitsConfirm error={error} checked={confirmHits} onChange={setConfirmHits} />
      {!needsHitConfirmation(error) && <ErrorText error={error} />}
    </li>
  );
}
