// The audit log, newest entries as the engine pages them, and a "Verify chain" check of the hash chain.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, ReviewerOutputs } from '../../../shared/reviewer-api.js';
import { api } from '../bridge/engine-access.js';
import { Section } from '../common/Section.js';
import { ErrorText } from '../common/ErrorText.js';
import { formatDateTime, formatNumber } from '../common/format.js';
import { useAsync } from '../common/useAsync.js';

const PAGE = 100;

export function AuditLog() {
  const { t, i18n } = useTranslation();
  const [limit, setLimit] = useState(PAGE);
  const page = useAsync(() => api().listAudit({ offset: 0, limit }), [limit]);
  const [verify, setVerify] = useState<ReviewerOutputs['verifyAudit'] | null>(null);
  const [verifyError, setVerifyError] = useState<unknown>(null);
  const [verifying, setVerifying] = useState(false);

  const runVerify = async () => {
    setVerifying(true);
    setVerify(null);
    setVerifyError(null);
    try {
      setVerify(await api().verifyAudit({}));
    } catch (e) {
      setVerifyError(e);
    } finally {
      setVerifying(false);
    }
  };
  const entries: AuditEntry[] = page.data?.entries ?? [];
  const total = page.data?.total ?? 0;

  return (
    <Section title={t('settings.audit')}>
      <div className="common-actions">
        <button type="button" className="secondary" onClick={runVerify} disabled={verifying}>
          {t('settings.verifyChain')}
        </button>
        <button type="button" className="secondary" onClick={page.reload}>
          {t('common.refresh')}
        </button>
        <span role="status" className={verify && !verify.ok ? 'error' : 'success'}>
          {verify &&
            (verify.ok
              ? t('settings.chainOk', { count: verify.entries, formatted: formatNumber(verify.entries, i18n.language) })
              : t('settings.chainBroken', { seq: verify.firstBrokenSeq ?? '?' }))}
        </span>
      </div>
      <ErrorText error={verifyError} />
      <ErrorText error={page.error} />
      <table className="common-table settings-audit">
        <caption>{t('settings.auditCaption', { shown: entries.length, total })}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('settings.auditAt')}</th>
            <th scope="col">{t('settings.auditType')}</th>
            <th scope="col">{t('settings.auditSession')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.seq}>
              <td className="common-table-numeric">{e.seq}</td>
              <td>{formatDateTime(e.at, i18n.language)}</td>
              <td>{t(`auditType.${e.type}`, { defaultValue: e.type })}</td>
              <td className="mono">{e.sessionId ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries.length < total && limit < 500 && (
        <button type="button" className="secondary" onClick={() => setLimit((l) => Math.min(500, l + PAGE))}>
          {t('settings.loadMore')}
        </button>
      )}
    </Section>
  );
}
