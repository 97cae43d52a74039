// Outbound sharing: pick a finished session of an issuing connection and a registered partner, choose a lifetime,
// mint a share token, copy it, watch it count down; below, the history of minted tokens. A mint for a partner with no
// data-sharing agreement on record (or an expired one), or of a Declined or In Review session, is confirmed first.
// A failed mint clears the token shown before it, so what is on screen is never a token for another request.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { issues, localDay, mintCautions, type MintCaution, type MintedToken } from '../../../shared/reviewer-api.js';
import { api } from '../bridge/engine-access.js';
import { useStatus } from '../state/status.js';
import { useAsync } from '../common/useAsync.js';
import { useDebounced } from '../common/useDebounced.js';
import { ErrorText } from '../common/ErrorText.js';
import { useEngineAction } from '../common/useEngineAction.js';
import { Form, InputField, SelectField } from '../common/FormFields.js';
import { Section } from '../common/Section.js';
import { kindLabel, statusLabel } from '../common/labels.js';
import { applicationName } from '../common/partners.js';
import { usePartners } from '../state/partners.js';
import { errorBody } from '../i18n/errors.js';
import { PartnerPicker } from './PartnerPicker.js';
import { TtlPicker, ttlSeconds, type TtlChoice } from './TtlPicker.js';
import { MintedTokenCard } from './MintedTokenCard.js';
import { MintedHistory } from './MintedHistory.js';
import './outbound.css';

export function OutboundView() {
  const { t } = useTranslation();
  const connections = useStatus((s) => s.connections);
  const issuers = connections.filter(issues);
  const [connectionId, setConnectionId] = useState('');
  const connection = issuers.find((c) => c.id === connectionId) ?? issuers[0];
  const [search, setSearch] = useState('');
  const settledSearch = useDebounced(search.trim(), 250);
  const sessions = useAsync(
    () =>
      connection
        ? api().listShareableSessions({
            connectionId: connection.id,
            ...(settledSearch ? { search: settledSearch } : {}),
          })
        : Promise.resolve([]),
    [connection?.id, settledSearch],
  );
  const [sessionId, setSessionId] = useState('');
  const partnerBook = usePartners();
  /** null until the user picks: then the first registered partner (not this connection's own application). */
  const [partnerId, setPartnerId] = useState<string | null>(null);
  /** The cautions the analyst is asked to confirm before the mint goes out. */
  const [confirm, setConfirm] = useState<MintCaution[] | null>(null);
  const [ttl, setTtl] = useState<TtlChoice>({ preset: 'hour', custom: '600' });
  const history = useAsync(() => api().listMintedTokens({}), []);
  const [minted, setMinted] = useState<MintedToken | null>(null);
  const { busy, error, run, clearError } = useEngineAction();

  const available = sessions.data ?? [];
  const session = available.find((s) => s.id === sessionId) ?? available[0];
  const eligible = partnerBook.filter((p) => p.applicationId !== connection?.applicationId);
  const chosenPartner = partnerId ?? eligible[0]?.applicationId ?? '';
  const partner = eligible.find((p) => p.applicationId === chosenPartner) ?? null;
  const seconds = ttlSeconds(ttl);
  /** A partner's name from the registry (or as logged), else our own connection's, else its application id. */
  const partnerLabel = (token: MintedToken) =>
    applicationName(token.partnerApplicationId, partnerBook, connections) ??
    token.partnerName ??
    token.partnerApplicationId;
  const ready = connection && session && partner && seconds !== null;

  const mint = async (confirmed: boolean) => {
    if (!ready) return;
    const cautions = mintCautions(partner, session.status, localDay());
    // Nothing from an earlier mint stays on screen once another is asked for.
    setMinted(null);
    clearError();
    if (cautions.length > 0 && !confirmed) {
      setConfirm(cautions);
      return;
    }
    setConfirm(null);
    await run(async () => {
      try {
        const token = await api().mintToken({
          connectionId: connection.id,
          sessionId: session.id,
          partnerApplicationId: partner.applicationId,
          ttlSeconds: seconds,
          confirmed,
        });
        setMinted(token);
        history.reload();
      } catch (e) {
        // The engine knows more (e.g. the session's status changed since it was listed): ask with our own reasons.
        if (errorBody(e).code !== 'confirmation_required') throw e;
        setConfirm(cautions.length > 0 ? cautions : ['no_agreement']);
      }
    });
  };

  return (
    <div className="outbound">
      <Section title={t('outbound.title')}>
        {issuers.length === 0 ? (
          <p className="muted">{t('outbound.noIssuer')}</p>
        ) : (
          <Form onSubmit={() => mint(false)}>
            <SelectField
              label={t('outbound.connection')}
              value={connection?.id ?? ''}
              choices={issuers.map((c) => ({ value: c.id, label: c.name }))}
              onValue={(id) => {
                setConnectionId(id);
                setMinted(null);
                setConfirm(null);
              }}
            />
            <InputField
              label={t('outbound.searchSessions')}
              type="search"
              value={search}
              maxLength={200}
              onValue={setSearch}
            />
            <SelectField
              label={t('outbound.session')}
              value={session?.id ?? ''}
              choices={available.map((s) => ({
                value: s.id,
                label: [
                  s.subjectName ?? t('queue.unnamed'),
                  s.vendorData,
                  kindLabel(t, s.kind),
                  statusLabel(t, s.status),
                ]
                  .filter(Boolean)
                  .join(' · '),
              }))}
              emptyChoice={available.length === 0 ? t('outbound.noSessions') : undefined}
              onValue={(id) => {
                setSessionId(id);
                setConfirm(null);
              }}
            />
            <ErrorText error={sessions.error} />
            <PartnerPicker
              partners={partnerBook}
              ownApplicationId={connection?.applicationId ?? null}
              value={chosenPartner}
              onChange={(id) => {
                setPartnerId(id);
                setConfirm(null);
              }}
            />
            <TtlPicker value={ttl} onChange={setTtl} />
            <ErrorText error={error} />
            {confirm && partner && (
              <div
                className="common-notice outbound-confirm"
                role="alertdialog"
                aria-label={t('outbound.confirmTitle')}
              >
                <p>
                  <strong>{t('outbound.confirmTitle')}</strong>
                </p>
                <ul>
                  {confirm.map((c) => (
                    <li key={c}>{t(`outbound.caution.${c}`, { partner: partner.name })}</li>
                  ))}
                </ul>
                <div className="common-actions">
                  <button type="button" className="secondary" onClick={() => setConfirm(null)}>
                    {t('common.cancel')}
                  </button>
                  <button type="button" className="primary" disabled={busy} onClick={() => void mint(true)}>
                    {t('outbound.mintAnyway')}
                  </button>
                </div>
              </div>
            )}
            <div className="common-actions">
              <button type="submit" className="primary" disabled={!ready || busy || confirm !== null}>
                {busy ? t('outbound.minting') : t('outbound.mint')}
              </button>
            </div>
          </Form>
        )}
        {minted && <MintedTokenCard token={minted} partner={partnerLabel(minted)} />}
      </Section>
      <MintedHistory tokens={history.data ?? []} partnerLabel={partnerLabel} />
      <ErrorText error={history.error} />
    </div>
  );
}
