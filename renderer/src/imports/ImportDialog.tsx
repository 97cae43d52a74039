// Redeem a share token: paste it, pick the receiving connection and a workflow of the token's kind, optionally a
// vendor_data and trust_review. On success the dialog closes on the new session; on failure it says why.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { receives } from '../../../shared/reviewer-api.js';
import { api } from '../bridge/engine-access.js';
import { Dialog } from '../common/Dialog.js';
import { ErrorText } from '../common/ErrorText.js';
import { CheckboxField, Form, InputField, SelectField } from '../common/FormFields.js';
import { formatDateTime } from '../common/format.js';
import { kindLabel } from '../common/labels.js';
import { useStatus } from '../state/status.js';
import { useUi } from '../state/ui.js';
import { readTokenClaims } from './tokenClaims.js';

export function ImportDialog() {
  const { t, i18n } = useTranslation();
  const close = () => useUi.getState().setImportOpen(false);
  const connections = useStatus((s) => s.connections).filter(receives);
  const [token, setToken] = useState('');
  const [connectionId, setConnectionId] = useState(connections[0]?.id ?? '');
  const [workflowId, setWorkflowId] = useState('');
  const [vendorData, setVendorData] = useState('');
  const [trustReview, setTrustReview] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const claims = useMemo(() => readTokenClaims(token), [token]);
  const connection = connections.find((c) => c.id === connectionId) ?? connections[0];
  // Didit's documented token example carries no session_kind: then every workflow is offered.
  const workflows = (connection?.workflows ?? []).filter(
    (w) => !claims?.session_kind || w.session_kind === claims.session_kind,
  );
  const workflow = workflows.find((w) => w.id === workflowId) ?? workflows[0];

  const submit = async () => {
    if (!connection || !workflow) return;
    setBusy(true);
    setError(null);
    try {
      const result = await api().redeemToken({
        connectionId: connection.id,
        shareToken: token.trim(),
        workflowId: workflow.id,
        ...(vendorData.trim() ? { vendorData: vendorData.trim() } : {}),
        trustReview,
      });
      // The engine announced the new session (sessions.changed): the queue refetches from that.
      useUi.getState().openSession(result.sessionId);
      location.hash = '#/inbox';
      close();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('import.title')} onClose={close}>
      <Form onSubmit={submit}>
        <label>
          {t('import.token')}
          <textarea
            value={token}
            rows={4}
            maxLength={10_000}
            aria-required="true"
            autoFocus
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => setToken(e.target.value)}
          />
        </label>
        {token.trim() && (
          <p className="muted" aria-live="polite">
            {claims
              ? t('import.tokenInfo', {
                  kind: kindLabel(t, claims.session_kind),
                  expires: formatDateTime(new Date(claims.exp * 1000).toISOString(), i18n.language),
                })
              : t('import.tokenUnreadable')}
          </p>
        )}
        <SelectField
          label={t('import.connection')}
          value={connection?.id ?? ''}
          choices={connections.map((c) => ({ value: c.id, label: c.name }))}
          emptyChoice={connections.length === 0 ? t('import.noConnection') : undefined}
          aria-required="true"
          onValue={setConnectionId}
        />
        <SelectField
          label={t('import.workflow')}
          value={workflow?.id ?? ''}
          choices={workflows.map((w) => ({
            value: w.id,
            label: `${w.label ?? w.id} (${kindLabel(t, w.session_kind)})`,
          }))}
          emptyChoice={workflows.length === 0 ? t('import.noWorkflow') : undefined}
          aria-required="true"
          onValue={setWorkflowId}
        />
        <InputField label={t('import.vendorData')} value={vendorData} maxLength={1000} onValue={setVendorData} />
        <CheckboxField label={t('import.trustReview')} checked={trustReview} onChecked={setTrustReview} />
        <p className="muted">{t('import.trustReviewHelp')}</p>
        <ErrorText error={error} />
        <div className="common-actions">
          <button type="button" className="secondary" onClick={close}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy || !token.trim() || !connection || !workflow}>
            {busy ? t('import.importing') : t('import.submit')}
          </button>
        </div>
      </Form>
    </Dialog>
  );
}
