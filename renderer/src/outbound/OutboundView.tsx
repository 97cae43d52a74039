// Outbound sharing: pick a finished session of an issuing connection and a partner, choose a lifetime, mint a
// share token, copy it, watch it count down; below, the history of minted tokens.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { uuidSchema } from '../../../shared/didit/api.js';
import { issues, type MintedToken } from '../../../shared/reviewer-api.js';
import { api } from '../bridge/engine-access.js';
import { useStatus } from '../state/status.js';
import { useAsync } from '../common/useAsync.js';
import { useDebounced } from '../common/useDebounced.js';
import { ErrorText } from '../common/ErrorText.js';
import { Form, InputField, SelectField } from '../common/FormFields.js';
import { Section } from '../common/Section.js';
import { kindLabel, statusLabel } from '../common/labels.js';
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
  const partners = useAsync(() => api().listPartners({}), []);
  /** null until the user picks: then the first partner of the address book is offered. */
  const [partnerId, setPartnerId] = useState<string | null>(null);
  const [ttl, setTtl] = useState<TtlChoice>({ preset: 'hour', custom: '600' });
  const history = useAsync(() => api().listMintedTokens({}), []);
  const [minted, setMinted] = useState<MintedToken | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const available = sessions.data ?? [];
  const session = available.find((s) => s.id === sessionId) ?? available[0];
  const partnerBook = partners.data ?? [];
  const chosenPartner = partnerId ?? partnerBook[0]?.applicationId ?? '';
  const seconds = ttlSeconds(ttl);
  /** A partner's name from the address book or our own connections, else its application id. */
  const partnerLabel = (token: MintedToken) =>
    token.partnerName ??
    partnerBook.find((p) => p.applicationId === token.partnerApplicationId)?.name ??
    connections.find((c) => c.applicationId === token.partnerApplicationId)?.name ??
    token.partnerApplicationId;
  const ready = connection && session && uuidSchema.safeParse(chosenPartner.trim()).success && seconds !== null;

  const mint = async () => {
    if (!ready) return;
    setBusy(true);
    setError(null);
    try {
      const token = await api().mintToken({
        connectionId: connection.id,
        sessionId: session.id,
        partnerApplicationId: chosenPartner.trim(),
        ttlSeconds: seconds,
      });
      setMinted(token);
      history.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="outbound">
      <Section title={t('outbound.title')}>
        {issuers.length === 0 ? (
          <p className="muted">{t('outbound.noIssuer')}</p>
        ) : (
          <Form onSubmit={mint}>
            <SelectField
              label={t('outbound.connection')}
              value={connection?.id ?? ''}
              choices={issuers.map((c) => ({ value: c.id, label: c.name }))}
              onValue={setConnectionId}
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
              onValue={setSessionId}
            />
            <ErrorText error={sessions.error} />
            <PartnerPicker
              partners={partnerBook}
              ownConnections={connections.filter((c) => c.id !== connection?.id)}
              value={chosenPartner}
              onChange={setPartnerId}
              onSaved={partners.reload}
            />
            <TtlPicker value={ttl} onChange={setTtl} />
            <ErrorText error={error} />
            <div className="common-actions">
              <button type="submit" className="primary" disabled={!ready || busy}>
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
