// The audit trail in words: who did what to which subject, with what outcome and which values changed (old → new),
// newest first; filtered by analyst, action and date; exported as CSV; and a "Verify chain" check of the hash chain.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { auditChanges, auditOutcome } from '../../../shared/audit-text.js';
import type { AuditEntry, ReviewerOutputs } from '../../../shared/reviewer-api.js';
import { api } from '../bridge/engine-access.js';
import { Section } from '../common/Section.js';
import { ErrorText } from '../common/ErrorText.js';
import { useEngineAction } from '../common/useEngineAction.js';
import { formatDateTime, formatNumber } from '../common/format.js';
import { useAsync } from '../common/useAsync.js';

const PAGE = 100;

/** Action families the filter offers (a family is `<prefix>.*`). */
const ACTION_FAMILIES = ['decision', 'aml', 'settings', 'analyst', 'connection', 'token', 'sync', 'report', 'audit'];

interface Filter {
  actor: string;
  family: string;
  from: string;
  to: string;
}

/** A local calendar day as the instant it starts (or ends) in this time zone. */
function dayBound(day: string, end: boolean): string | undefined {
  if (!day) return undefined;
  const at = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00.000'}`);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

function query(f: Filter) {
  return {
    actor: f.actor || undefined,
    types: f.family ? [`${f.family}.*`] : undefined,
    from: dayBound(f.from, false),
    to: dayBound(f.to, true),
  };
}

export function AuditLog() {
  const { t, i18n } = useTranslation();
  const [limit, setLimit] = useState(PAGE);
  const [filter, setFilter] = useState<Filter>({ actor: '', family: '', from: '', to: '' });
  const page = useAsync(
    () => api().listAudit({ ...query(filter), offset: 0, limit, order: 'desc' }),
    [limit, filter.actor, filter.family, filter.from, filter.to],
  );
  const actors = useAsync(() => api().listAuditActors({}), []);
  const [verify, setVerify] = useState<ReviewerOutputs['verifyAudit'] | null>(null);
  const { busy, error: actionError, run } = useEngineAction();

  const runVerify = () => {
    setVerify(null);
    void run(async () => setVerify(await api().verifyAudit({})));
  };
  const runExport = () =>
    void run(async () => {
      const out = await api().exportAudit(query(filter));
      downloadText(out.fileName, out.csv, 'text/csv');
    });
  const set = (change: Partial<Filter>) => {
    setLimit(PAGE);
    setFilter((f) => ({ ...f, ...change }));
  };
  const entries: AuditEntry[] = page.data?.entries ?? [];
  const total = page.data?.total ?? 0;

  return (
    <Section title={t('settings.audit')}>
      <div className="common-actions settings-audit-filters" role="group" aria-label={t('audit.filters')}>
        <label>
          {t('audit.actor')}{' '}
          <select value={filter.actor} onChange={(e) => set({ actor: e.target.value })}>
            <option value="">{t('audit.anyone')}</option>
            {(actors.data ?? []).map((a) => (
              <option key={a} value={a}>
                {a === 'system' ? t('audit.system') : a}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.action')}{' '}
          <select value={filter.family} onChange={(e) => set({ family: e.target.value })}>
            <option value="">{t('audit.anyAction')}</option>
            {ACTION_FAMILIES.map((f) => (
              <option key={f} value={f}>
                {t(`audit.family.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.from')} <input type="date" value={filter.from} onChange={(e) => set({ from: e.target.value })} />
        </label>
        <label>
          {t('audit.to')} <input type="date" value={filter.to} onChange={(e) => set({ to: e.target.value })} />
        </label>
      </div>
      <div className="common-actions">
        <button type="button" className="secondary" onClick={runVerify} disabled={busy}>
          {t('settings.verifyChain')}
        </button>
        <button type="button" className="secondary" onClick={runExport} disabled={busy}>
          {t('audit.exportCsv')}
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
      <ErrorText error={actionError} />
      <ErrorText error={page.error} />
      <table className="common-table settings-audit">
        <caption>{t('settings.auditCaption', { shown: entries.length, total })}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('settings.auditAt')}</th>
            <th scope="col">{t('audit.actor')}</th>
            <th scope="col">{t('audit.action')}</th>
            <th scope="col">{t('audit.subject')}</th>
            <th scope="col">{t('audit.outcome')}</th>
            <th scope="col">{t('audit.changes')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.seq}>
              <td className="common-table-numeric">{e.seq}</td>
              <td>{formatDateTime(e.at, i18n.language)}</td>
              <td>{!e.actor || e.actor === 'system' ? t('audit.system') : e.actor}</td>
              <td>{t(`auditType.${e.type}`, { defaultValue: e.type })}</td>
              <td>
                {e.subject && <div>{e.subject}</div>}
                {e.sessionId && <div className="mono muted">{e.sessionId}</div>}
                {!e.subject && !e.sessionId && '—'}
              </td>
              <td>{t(`auditOutcome.${auditOutcome(e)}`)}</td>
              <td>
                {auditChanges(e.details).map((c) => (
                  <div key={c.field}>
                    <span className="muted">{c.field}:</span> {c.old} → {c.new}
                  </div>
                ))}
              </td>
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

/** Saves text through a blob URL and a temporary download link. */
function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName.replace(/[^\w.\- ]+/g, '_');
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
