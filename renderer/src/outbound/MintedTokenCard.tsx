// The token just minted: shown once (the engine does not keep it), with a copy button and a live countdown.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MintedToken } from '../../../shared/reviewer-api.js';
import { Countdown } from './Countdown.js';

export function MintedTokenCard({ token, partner }: { token: MintedToken; partner: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  useEffect(() => setCopied(null), [token.id]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.shareToken ?? '');
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <div className="outbound-minted-token">
      <label>
        {t('outbound.shareToken')}
        <textarea
          className="mono"
          readOnly
          rows={4}
          value={token.shareToken ?? ''}
          onFocus={(e) => e.target.select()}
        />
      </label>
      <div className="common-actions">
        <button type="button" className="primary" onClick={copy} disabled={!token.shareToken}>
          {t('outbound.copy')}
        </button>
        <span role="status" className={copied === 'failed' ? 'error' : 'success'}>
          {copied === 'yes' ? t('outbound.copied') : copied === 'failed' ? t('outbound.copyFailed') : ''}
        </span>
        <Countdown expiresAt={token.expiresAt} />
      </div>
      <p className="muted">{t('outbound.shownOnce', { partner })}</p>
    </div>
  );
}
