// The check summary at the top of a case: every check the session carries with its outcome, its score against
// the analyst's threshold, its risky flags and warnings, and a link to its section; then the other cached sessions
// that may be the same customer. Read through shared/case-signals.ts, the same reading the queue's index uses.
import { useId, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { SessionPayload } from '../../../shared/didit/session.js';
import type { QueueRow } from '../../../shared/reviewer-api.js';
import { caseChecks, type CheckKey, type CheckSignal } from '../../../shared/case-signals.js';
import { api } from '../bridge/engine-access.js';
import { useAsync } from '../common/useAsync.js';
import { formatNumber } from '../common/format.js';
import { kindLabel, statusLabel } from '../common/labels.js';
import { useSettings } from '../state/settings.js';
import { useUi } from '../state/ui.js';
import { useAmlCase } from './AmlCaseContext.js';
import './check-summary.css';

/** The title of the section each check links to (the same key the section's heading uses). */
export const CHECK_SECTION_TITLES: Record<CheckKey, string> = {
  document: 'kyc.idDocument',
  nfc: 'nfc.title',
  liveness: 'kyc.liveness',
  faceMatch: 'kyc.faceMatch',
  aml: 'aml.title',
  databaseValidation: 'kyc.databaseValidation',
  proofOfAddress: 'kyc.proofOfAddress',
  phone: 'kyc.phone',
  email: 'kyc.email',
  ip: 'kyc.ip',
  registry: 'kyb.registry',
  keyPeople: 'kyb.keyPeople',
  documents: 'kyb.documents',
  companyAml: 'aml.companyTitle',
  questionnaires: 'kyb.questionnaires',
};

const MAX_WARNINGS_SHOWN = 3;
const SEVERITY: Record<CheckSignal['outcome'], number> = { failed: 0, warned: 1, pending: 2, passed: 3 };

interface Props {
  payload: SessionPayload;
  row: QueueRow;
  /** The case's article: where the sections the summary links to live. */
  caseRef: RefObject<HTMLElement | null>;
}

export function CheckSummary({ payload, row, caseRef }: Props) {
  const { t } = useTranslation();
  const settings = useSettings((s) => s.settings);
  const titleId = useId();
  // Failed first, then warnings, then unfinished, then passed; within each, the order of the case's sections.
  // The analyst's own dispositions count at once (a hit dismissed as False Positive no longer weighs), before the
  // server has them.
  const amlCase = useAmlCase();
  const dispositions = new Map([...(amlCase?.latest.values() ?? [])].map((d) => [d.hitId, d.reviewStatus as string]));
  const checks = caseChecks(
    payload,
    { faceMatch: settings.faceMatchThreshold, liveness: settings.livenessThreshold },
    dispositions,
  ).sort((a, b) => SEVERITY[a.outcome] - SEVERITY[b.outcome]);
  const failed = checks.filter((c) => c.outcome === 'failed').length;
  const warned = checks.filter((c) => c.outcome === 'warned').length;

  /** Scrolls to the check's section and moves focus there, so keyboard users land on it too. */
  const jump = (key: CheckKey) => {
    const title = t(CHECK_SECTION_TITLES[key]);
    const heading = [...(caseRef.current?.querySelectorAll<HTMLElement>('section > h3') ?? [])].find(
      (h) => h.textContent === title,
    );
    if (!heading) return;
    heading.tabIndex = -1;
    heading.scrollIntoView({ block: 'start' });
    heading.focus({ preventScroll: true });
  };

  return (
    <section className="check-summary" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('signals.title')}</h3>
      {checks.length === 0 ? (
        <p className="muted">{t('signals.none')}</p>
      ) : (
        <>
          <p className={`check-summary-headline${failed > 0 ? ' check-summary-headline-failed' : ''}`}>
            {failed + warned === 0
              ? t('signals.allPassed', { count: checks.length })
              : [
                  failed > 0 ? t('signals.failedCount', { count: failed }) : null,
                  warned > 0 ? t('signals.warnedCount', { count: warned }) : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
          </p>
          <table className="check-summary-table" aria-labelledby={titleId}>
            <thead>
              <tr>
                <th scope="col">{t('signals.colCheck')}</th>
                <th scope="col">{t('signals.colResult')}</th>
                <th scope="col">{t('signals.colScore')}</th>
                <th scope="col">{t('signals.colFindings')}</th>
              </tr>
            </thead>
            <tbody>
              {checks.map((check) => (
                <CheckRow key={check.key} check={check} onJump={jump} />
              ))}
            </tbody>
          </table>
        </>
      )}
      {(row.possibleDuplicates ?? 0) > 0 && <PossibleDuplicates sessionId={row.id} />}
    </section>
  );
}

function CheckRow({ check, onJump }: { check: CheckSignal; onJump(key: CheckKey): void }) {
  const { t, i18n } = useTranslation();
  const title = t(CHECK_SECTION_TITLES[check.key]);
  const findings = findingsOf(t, check, i18n.language);
  return (
    <tr className={`check-summary-row check-summary-row-${check.outcome}`}>
      <th scope="row">
        <button
          type="button"
          className="link-button"
          aria-label={t('signals.goTo', { check: title })}
          onClick={() => onJump(check.key)}
        >
          {title}
        </button>
      </th>
      <td>
        <span className={`check-summary-outcome check-summary-outcome-${check.outcome}`}>
          {t(`signals.outcome.${check.outcome}`)}
        </span>
        {check.outcome !== 'passed' && check.status && (
          <span className="muted"> · {t('signals.diditStatus', { status: statusLabel(t, check.status) })}</span>
        )}
      </td>
      <td>{scoreText(t, check, i18n.language)}</td>
      <td>
        {findings.length === 0 ? (
          <span className="muted">—</span>
        ) : (
          <ul className="check-summary-findings">
            {findings.map((f, i) => (
              <li key={i} className={f.strong ? 'check-summary-finding-strong' : undefined}>
                {f.text}
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

function scoreText(t: TFunction, check: CheckSignal, locale: string): string {
  if (check.score === null) return '—';
  const score = formatNumber(check.score, locale, 1);
  if (check.threshold === null) return score;
  return t(check.score < check.threshold ? 'signals.scoreBelow' : 'signals.scoreMeets', {
    score,
    threshold: formatNumber(check.threshold, locale),
  });
}

interface Finding {
  text: string;
  strong: boolean;
}

function findingsOf(t: TFunction, check: CheckSignal, locale: string): Finding[] {
  const out: Finding[] = [];
  if (check.aml) {
    const a = check.aml;
    if (a.open > 0) {
      const lists = (['sanctions', 'pep', 'warningList', 'adverseMedia'] as const)
        .filter((k) => a[k] > 0)
        .map((k) => t(`signals.amlList.${k}`, { count: a[k], formatted: formatNumber(a[k], locale) }));
      out.push({
        text: [t('signals.openHits', { count: a.open }), ...lists].join(' · '),
        strong: a.sanctions > 0,
      });
    }
    if (a.falsePositive > 0) out.push({ text: t('signals.falsePositives', { count: a.falsePositive }), strong: false });
  }
  for (const flag of check.flags) {
    if (check.aml && ['sanctions', 'pep', 'warningList', 'adverseMedia'].includes(flag)) continue;
    out.push({ text: t(`signals.flag.${flag}`), strong: flag === 'vpnOrTor' || flag === 'belowThreshold' });
  }
  const warnings = check.warnings.filter((w) => w.log_type !== 'information');
  for (const w of warnings.slice(0, MAX_WARNINGS_SHOWN)) {
    const text = w.short_description ?? w.risk;
    if (text) out.push({ text, strong: w.log_type === 'error' });
  }
  if (warnings.length > MAX_WARNINGS_SHOWN) {
    out.push({ text: t('signals.moreWarnings', { count: warnings.length - MAX_WARNINGS_SHOWN }), strong: false });
  }
  return out;
}

/** The other cached sessions with the same document number, or the same name and date of birth. */
function PossibleDuplicates({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const openSession = useUi((s) => s.openSession);
  const others = useAsync(() => api().listSessions({ view: 'all', duplicateOf: sessionId, limit: 20 }), [sessionId]);
  const rows = others.data?.rows ?? [];
  return (
    <div className="check-summary-duplicates" role="note" aria-label={t('signals.duplicatesTitle')}>
      <strong>{t('signals.duplicatesTitle')}</strong> <span>{t('signals.duplicatesHelp')}</span>
      {rows.length > 0 && (
        <ul>
          {rows.map((r) => (
            <li key={r.id}>
              <button type="button" className="link-button" onClick={() => openSession(r.id)}>
                {r.subjectName ?? t('queue.unnamed')}
              </button>{' '}
              <span className="muted">
                {[r.vendorData, kindLabel(t, r.kind), statusLabel(t, r.status)].filter(Boolean).join(' · ')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
