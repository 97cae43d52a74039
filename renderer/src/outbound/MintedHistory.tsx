// Tokens minted so far (the log never keeps the tokens themselves), newest first: partner by name, the shared
// session's subject, and the token's state. A live countdown only while it applies; afterwards "Expired" (from the
// token's exp: it can no longer be redeemed). "Redeemed" only when this profile saw the import (the partner is one of
// our own receiving connections): the issuing side cannot see a partner's imports, so it never claims more.
import { useTranslation } from 'react-i18next';
import type { MintedToken } from '../../../shared/reviewer-api.js';
import { Section } from '../common/Section.js';
import { formatDateTime } from '../common/format.js';
import { kindLabel } from '../common/labels.js';
import { Countdown } from './Countdown.js';

interface Props {
  tokens: readonly MintedToken[];
  partnerLabel(token: MintedToken): string;
}

export function MintedHistory({ tokens, partnerLabel }: Props) {
  const { t, i18n } = useTranslation();
  const sorted = [...tokens].sort((a, b) => Date.parse(b.mintedAt) - Date.parse(a.mintedAt));
  return (
    <Section title={t('outbound.history')}>
      {sorted.length === 0 ? (
        <p className="muted">{t('outbound.noHistory')}</p>
      ) : (
        <table className="common-table">
          <caption className="visually-hidden">{t('outbound.history')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('outbound.mintedAt')}</th>
              <th scope="col">{t('outbound.partner')}</th>
              <th scope="col">{t('outbound.subject')}</th>
              <th scope="col">{t('queue.kind')}</th>
              <th scope="col">{t('outbound.tokenState')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((m) => (
              <tr key={m.id}>
                <td>{formatDateTime(m.mintedAt, i18n.language)}</td>
                <td>{partnerLabel(m)}</td>
                <td>
                  {m.subjectName ?? t('queue.unnamed')}
                  <div className="muted mono">{m.sessionId}</div>
                </td>
                <td>{kindLabel(t, m.sessionKind)}</td>
                <td>
                  <TokenState token={m} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

function TokenState({ token }: { token: MintedToken }) {
  const { t, i18n } = useTranslation();
  if (token.redeemedAt) {
    return (
      <span className="outbound-token-redeemed">
        {t('outbound.redeemedAt', { date: formatDateTime(token.redeemedAt, i18n.language) })}
      </span>
    );
  }
  if (Date.parse(token.expiresAt) <= Date.now()) {
    return (
      <span className="outbound-countdown outbound-countdown-expired" title={t('outbound.expiredHelp')}>
        {t('outbound.expiredAt', { date: formatDateTime(token.expiresAt, i18n.language) })}
      </span>
    );
  }
  return <Countdown expiresAt={token.expiresAt} />;
}
