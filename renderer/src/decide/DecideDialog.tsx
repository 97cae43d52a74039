// The confirm step of a decision. Declining needs a comment; approving takes an optional one. Works offline: the
// engine queues the decision and the row shows "queued" until the outbox delivers it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../bridge/engine-access.js';
import { Dialog } from '../common/Dialog.js';
import { ErrorText } from '../common/ErrorText.js';
import { Form } from '../common/FormFields.js';
import { useUi, type DecideRequest } from '../state/ui.js';

const COMMENT_MAX = 2000;

export function DecideDialog({ request }: { request: DecideRequest }) {
  const { t } = useTranslation();
  const close = () => useUi.getState().requestDecision(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [missingComment, setMissingComment] = useState(false);
  const [busy, setBusy] = useState(false);
  const declining = request.newStatus === 'Declined';

  const confirm = async () => {
    if (declining && comment.trim() === '') {
      setMissingComment(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api().decide({ sessionId: request.sessionId, newStatus: request.newStatus, comment: comment.trim() });
      // The engine announces the decision (outbox counts, the session leaving the inbox, then its delivery), and
      // the queue and the detail pane refetch from that.
      close();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Dialog title={t(declining ? 'decide.declineTitle' : 'decide.approveTitle')} onClose={close}>
      <Form onSubmit={confirm}>
        <p>{t(declining ? 'decide.declineQuestion' : 'decide.approveQuestion', { name: request.subject })}</p>
        <label>
          {t(declining ? 'decide.commentRequired' : 'decide.commentOptional')}
          <textarea
            aria-label={t('decide.comment')}
            value={comment}
            maxLength={COMMENT_MAX}
            rows={4}
            autoFocus
            aria-required={declining}
            aria-invalid={missingComment}
            onChange={(e) => {
              setComment(e.target.value);
              setMissingComment(false);
            }}
          />
        </label>
        {missingComment && (
          <p className="error" role="alert">
            {t('decide.commentMissing')}
          </p>
        )}
        <ErrorText error={error} />
        <div className="common-actions">
          <button type="button" className="secondary" onClick={close}>
            {t('common.cancel')}
          </button>
          <button type="submit" className={declining ? 'danger' : 'primary'} disabled={busy}>
            {t(declining ? 'decide.confirmDecline' : 'decide.confirmApprove')}
          </button>
        </div>
      </Form>
    </Dialog>
  );
}
