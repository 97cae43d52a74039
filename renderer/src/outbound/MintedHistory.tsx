// Tokens minted so far (the log never keeps the tokens themselves), newest first, with time left.
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
              <th scope="col">{t('outbound.sessionId')}</th>
              <th scope="col">{t('queue.kind')}</th>
              <th scope="col">{t('outbound.expiry')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((m) => (
              <tr key={m.id}>
                <td>{formatDateTime(m.mintedAt, i18n.language)}</td>
                <td>
                  {partnerLabel(m)}
                  <div className="muted mono">{m.partnerApplicationId}</div>
                </td>
                <td className="mono">{m.sessionId}</td>
                <td>{kindLabel(t, m.sessionKind)}</td>
                <td>
                  <Countdown expiresAt={m.expiresAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
