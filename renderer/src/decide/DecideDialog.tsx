// The confirm step of a decision: approve (optional comment), decline (one or more reasons plus a comment),
// request resubmission of chosen steps, or reverse a decided session (Approved ↔ Declined, with a comment). Works
// offline: the engine queues the decision and the case shows "queued" until the outbox delivers it.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../bridge/engine-access.js';
import { Dialog } from '../common/Dialog.js';
import { ErrorText } from '../common/ErrorText.js';
import { useEngineAction } from '../common/useEngineAction.js';
import { needsHitConfirmation, UnreviewedHitsConfirm } from './UnreviewedHitsConfirm.js';
import { Form } from '../common/FormFields.js';
import { statusLabel } from '../common/labels.js';
import { useSettings } from '../state/settings.js';
import { useUi, type DecideRequest } from '../state/ui.js';
import { useAnalyst } from '../frame/analyst.js';

const COMMENT_MAX = 2000;
const REASONS_MAX = 10;

type Mode = 'approve' | 'decline' | 'resubmit' | 'reverse';

function modeOf(request: DecideRequest): Mode {
  if (request.reverseFrom) return 'reverse';
  return request.newStatus === 'Declined' ? 'decline' : request.newStatus === 'Resubmitted' ? 'resubmit' : 'approve';
}

const TEXT: Record<Mode, { title: string; question: string; comment: string; missing: string; confirm: string }> = {
  approve: {
    title: 'decide.approveTitle',
    question: 'decide.approveQuestion',
    comment: 'decide.commentOptional',
    missing: 'decide.commentMissing',
    confirm: 'decide.confirmApprove',
  },
  decline: {
    title: 'decide.declineTitle',
    question: 'decide.declineQuestion',
    comment: 'decide.commentRequired',
    missing: 'decide.commentMissing',
    confirm: 'decide.confirmDecline',
  },
  resubmit: {
    title: 'decide.resubmitTitle',
    question: 'decide.resubmitQuestion',
    comment: 'decide.commentOptional',
    missing: 'decide.commentMissing',
    confirm: 'decide.confirmResubmit',
  },
  reverse: {
    title: 'decide.reverseTitle',
    question: 'decide.reverseQuestion',
    comment: 'decide.commentRequiredReverse',
    missing: 'decide.commentMissingReverse',
    confirm: 'decide.confirmReverse',
  },
};

export function DecideDialog({ request }: { request: DecideRequest }) {
  const { t, i18n } = useTranslation();
  const close = () => useUi.getState().requestDecision(null);
  const reasons = useSettings((s) => s.settings.declineReasons);
  const analyst = useAnalyst((s) => s.analyst ?? s.suggested);
  const mode = modeOf(request);
  const text = TEXT[mode];
  const [comment, setComment] = useState('');
  const [chosenReasons, setChosenReasons] = useState<string[]>([]);
  const [chosenSteps, setChosenSteps] = useState<string[]>([]);
  const { busy, error, run } = useEngineAction();
  const [missing, setMissing] = useState<{ comment?: boolean; reasons?: boolean; steps?: boolean }>({});
  const [confirmHits, setConfirmHits] = useState(false);
  const commentRequired = mode === 'decline' || mode === 'reverse';
  const steps = (request.steps ?? []).filter((s) => s.resubmittable);
  // showModal() focuses the dialog's first control (its × button); the comment is where a decision starts.
  // The Dialog's effect runs before this one, so this focus comes last.
  const commentRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => commentRef.current?.focus(), []);

  const toggle = (list: string[], value: string, on: boolean) =>
    on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);

  const confirm = async () => {
    const lacking = {
      comment: commentRequired && comment.trim() === '',
      reasons: mode === 'decline' && chosenReasons.length === 0,
      steps: mode === 'resubmit' && chosenSteps.length === 0,
    };
    if (lacking.comment || lacking.reasons || lacking.steps) {
      setMissing(lacking);
      return;
    }
    const propose = request.propose === true && (mode === 'approve' || mode === 'decline');
    await run(
      async () => {
        await (propose ? api().proposeDecision : api().decide)({
          sessionId: request.sessionId,
          newStatus: request.newStatus,
          comment: comment.trim(),
          ...(mode === 'decline' ? { reasons: chosenReasons } : {}),
          ...(mode === 'resubmit' ? { nodesToResubmit: chosenSteps } : {}),
          ...(mode === 'approve' ? { confirmUnreviewedHits: confirmHits } : {}),
        });
        // The engine announces the decision (outbox counts, the session leaving the inbox, then its delivery), and
        // the queue and the detail pane refetch from that.
        close();
      },
      { leaving: true },
    );
  };

  return (
    <Dialog title={t(text.title)} onClose={close}>
      <Form onSubmit={confirm}>
        <p>
          {t(text.question, {
            name: request.subject,
            from: request.reverseFrom ? statusLabel(t, request.reverseFrom) : '',
            to: statusLabel(t, request.newStatus),
          })}
        </p>
        {mode === 'decline' && (
          <fieldset className="decide-choices" aria-invalid={missing.reasons === true}>
            <legend>{t('decide.reasons')}</legend>
            {reasons.map((r) => (
              <label key={r.code} className="checkbox">
                <input
                  type="checkbox"
                  checked={chosenReasons.includes(r.code)}
                  disabled={!chosenReasons.includes(r.code) && chosenReasons.length >= REASONS_MAX}
                  onChange={(e) => {
                    setChosenReasons((list) => toggle(list, r.code, e.target.checked));
                    setMissing((m) => ({ ...m, reasons: false }));
                  }}
                />
                {i18n.language === 'es' ? r.es : r.en}
              </label>
            ))}
          </fieldset>
        )}
        {missing.reasons && (
          <p className="error" role="alert">
            {t('decide.reasonsMissing')}
          </p>
        )}
        {mode === 'resubmit' && (
          <fieldset className="decide-choices" aria-invalid={missing.steps === true}>
            <legend>{t('decide.steps')}</legend>
            {steps.length === 0 && <p className="muted">{t('decide.noSteps')}</p>}
            {steps.map((s) => (
              <label key={s.nodeId} className="checkbox">
                <input
                  type="checkbox"
                  checked={chosenSteps.includes(s.nodeId)}
                  onChange={(e) => {
                    setChosenSteps((list) => toggle(list, s.nodeId, e.target.checked));
                    setMissing((m) => ({ ...m, steps: false }));
                  }}
                />
                {t('decide.stepLabel', { feature: t(`feature.${s.block}`, { defaultValue: s.block }), node: s.nodeId })}
              </label>
            ))}
          </fieldset>
        )}
        {missing.steps && (
          <p className="error" role="alert">
            {t('decide.stepsMissing')}
          </p>
        )}
        <label>
          {t(text.comment)}
          <textarea
            ref={commentRef}
            aria-label={t('decide.comment')}
            value={comment}
            maxLength={COMMENT_MAX}
            rows={4}
            aria-required={commentRequired}
            aria-invalid={missing.comment === true}
            onChange={(e) => {
              setComment(e.target.value);
              setMissing((m) => ({ ...m, comment: false }));
            }}
          />
        </label>
        {missing.comment && (
          <p className="error" role="alert">
            {t(text.missing)}
          </p>
        )}
        {analyst && <p className="muted">{t('decide.sentAs', { name: analyst.name })}</p>}
        {request.propose && (mode === 'approve' || mode === 'decline') && (
          <p className="muted">{t('fourEyes.dialogHint')}</p>
        )}
        <UnreviewedHitsConfirm error={error} checked={confirmHits} onChange={setConfirmHits} />
        {!needsHitConfirmation(error) && <ErrorText error={error} />}
        <div className="common-actions">
          <button type="button" className="secondary" onClick={close}>
            {t('common.cancel')}
          </button>
          <button type="submit" className={mode === 'approve' ? 'primary' : 'danger'} disabled={busy}>
            {t(text.confirm)}
          </button>
        </div>
      </Form>
    </Dialog>
  );
}
