// Redeem a share token: paste it, pick the receiving connection and a workflow of the token's kind, optionally a
// vendor_data and trust_review. The token's issuer (from_application_id) names the partner: its defaults (trust_review,
// its workflow for the token's kind) are preselected. An expired token, or one issued for another application, is
// warned about and imported only after a second confirmation. On success the dialog closes on the new session.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShareTokenClaims } from '../../../shared/didit/api.js';
import { receives, type Connection, type Partner } from '../../../shared/reviewer-api.js';
import { api } from '../bridge/engine-access.js';
import { Dialog } from '../common/Dialog.js';
import { ErrorText } from '../common/ErrorText.js';
import { useEngineAction } from '../common/useEngineAction.js';
import { CheckboxField, Form, InputField, SelectField } from '../common/FormFields.js';
import { formatDateTime } from '../common/format.js';
import { kindLabel } from '../common/labels.js';
import { applicationName, workflowLabel } from '../common/partners.js';
import { usePartners } from '../state/partners.js';
import { useStatus } from '../state/status.js';
import { useUi } from '../state/ui.js';
import { readTokenClaims } from './tokenClaims.js';

export type TokenWarning = 'expired' | 'otherApplication';

/** What to warn about before redeeming: an expired token, or one minted for another application than `connection`'s. */
export function tokenWarnings(
  claims: ShareTokenClaims | null,
  connection: Pick<Connection, 'applicationId'> | undefined,
  now = Date.now(),
): TokenWarning[] {
  if (!claims) return [];
  const warnings: TokenWarning[] = [];
  if (claims.exp * 1000 <= now) warnings.push('expired');
  if (connection && claims.for_application_id !== connection.applicationId) warnings.push('otherApplication');
  return warnings;
}

/** The defaults a token preselects: its partner's trust_review and workflow for its kind (when the connection has it). */
export function partnerDefaults(
  claims: ShareTokenClaims | null,
  partner: Partner | undefined,
  connection: Pick<Connection, 'workflows'> | undefined,
): { trustReview: boolean; workflowId: string } {
  const preferred = partner && claims ? partner.workflows[claims.session_kind ?? 'user'] : null;
  const available = preferred !== null && (connection?.workflows ?? []).some((w) => w.id === preferred);
  return { trustReview: partner?.trustReview ?? false, workflowId: available ? preferred : '' };
}

export function ImportDialog() {
  const { t, i18n } = useTranslation();
  const close = () => useUi.getState().setImportOpen(false);
  const allConnections = useStatus((s) => s.connections);
  const connections = allConnections.filter(receives);
  const partners = usePartners();
  const [token, setToken] = useState('');
  const [connectionId, setConnectionId] = useState(connections[0]?.id ?? '');
  const [workflowId, setWorkflowId] = useState('');
  const [vendorData, setVendorData] = useState('');
  const [trustReview, setTrustReview] = useState(false);
  const { busy, error, run, clearError } = useEngineAction();
  /** The warnings the analyst was shown and chose to import despite (cleared when the token changes). */
  const [confirming, setConfirming] = useState(false);

  const claims = useMemo(() => readTokenClaims(token), [token]);
  const connection = connections.find((c) => c.id === connectionId) ?? connections[0];
  const partner = claims ? partners.find((p) => p.applicationId === claims.from_application_id) : undefined;
  // Didit's documented token example carries no session_kind: then every workflow is offered.
  const workflows = (connection?.workflows ?? []).filter(
    (w) => !claims?.session_kind || w.session_kind === claims.session_kind,
  );
  const workflow = workflows.find((w) => w.id === workflowId) ?? workflows[0];
  const warnings = tokenWarnings(claims, connection);
  const issuerName = applicationName(claims?.from_application_id, partners, allConnections);

  /** A new token: forget the last error and confirmation, preselect its partner's defaults and receiving connection. */
  const changeToken = (next: string) => {
    setToken(next);
    clearError();
    setConfirming(false);
    const nextClaims = readTokenClaims(next);
    if (!nextClaims) return;
    const target = connections.find((c) => c.applicationId === nextClaims.for_application_id) ?? connection;
    if (target && target.id !== connection?.id) setConnectionId(target.id);
    const defaults = partnerDefaults(
      nextClaims,
      partners.find((p) => p.applicationId === nextClaims.from_application_id),
      target,
    );
    setTrustReview(defaults.trustReview);
    setWorkflowId(defaults.workflowId);
  };

  const changeConnection = (id: string) => {
    setConnectionId(id);
    clearError();
    setConfirming(false);
    const next = connections.find((c) => c.id === id);
    setWorkflowId(partnerDefaults(claims, partner, next).workflowId);
  };

  const submit = async () => {
    if (!connection || !workflow) return;
    if (warnings.length > 0 && !confirming) {
      setConfirming(true);
      return;
    }
    const redeemed = await run(
      async () => {
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
      },
      { leaving: true },
    );
    if (!redeemed) setConfirming(false);
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
            onChange={(e) => changeToken(e.target.value)}
          />
        </label>
        {token.trim() && (
          <div aria-live="polite">
            <p className="muted">
              {claims
                ? t('import.tokenInfo', {
                    kind: claims.session_kind ? kindLabel(t, claims.session_kind) : t('import.anyKind'),
                    expires: formatDateTime(new Date(claims.exp * 1000).toISOString(), i18n.language),
                  })
                : t('import.tokenUnreadable')}
            </p>
            {claims && (
              <p className="import-partner">
                {partner
                  ? t('import.fromPartner', { name: partner.name })
                  : issuerName
                    ? t('import.fromUnregisteredNamed', { name: issuerName })
                    : t('import.fromUnregistered', { id: claims.from_application_id })}
                {partner ? ` ${t('import.defaultsApplied')}` : ` ${t('import.noDefaults')}`}
              </p>
            )}
          </div>
        )}
        {warnings.length > 0 && (
          <ul className="common-notice import-warnings" role="alert" aria-label={t('import.warningsTitle')}>
            {warnings.map((w) => (
              <li key={w}>
                {w === 'expired'
                  ? t('import.warnExpired')
                  : t('import.warnOtherApplication', {
                      name: connection?.name ?? '',
                      target:
                        applicationName(claims?.for_application_id, partners, allConnections) ??
                        claims?.for_application_id ??
                        '',
                    })}
              </li>
            ))}
          </ul>
        )}
        <SelectField
          label={t('import.connection')}
          value={connection?.id ?? ''}
          choices={connections.map((c) => ({ value: c.id, label: c.name }))}
          emptyChoice={connections.length === 0 ? t('import.noConnection') : undefined}
          aria-required="true"
          onValue={changeConnection}
        />
        <SelectField
          label={t('import.workflow')}
          value={workflow?.id ?? ''}
          choices={workflows.map((w) => ({ value: w.id, label: workflowLabel(t, w) }))}
          emptyChoice={workflows.length === 0 ? t('import.noWorkflow') : undefined}
          aria-required="true"
          onValue={(id) => {
            setWorkflowId(id);
            clearError();
          }}
        />
        <InputField label={t('import.vendorData')} value={vendorData} maxLength={1000} onValue={setVendorData} />
        <CheckboxField label={t('import.trustReview')} checked={trustReview} onChecked={setTrustReview} />
        <p className="muted">{t('import.trustReviewHelp')}</p>
        <ErrorText error={error} />
        {confirming && <p className="common-notice">{t('import.confirmWarnings')}</p>}
        <div className="common-actions">
          <button type="button" className="secondary" onClick={close}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy || !token.trim() || !connection || !workflow}>
            {busy ? t('import.importing') : confirming ? t('import.submitAnyway') : t('import.submit')}
          </button>
        </div>
      </Form>
    </Dialog>
  );
}
