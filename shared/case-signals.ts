/**
 * What each check of a case says, in one place: the check summary at the top of a case and the queue's index
 * (failed and warned checks, the risk sort, possible duplicates) both read a payload through these functions, so
 * the queue never says something the case does not.
 *
 * A check's outcome is Didit's own verdict (the item's status and the severity of its warnings) plus the risky
 * flags the item carries (VPN or Tor, disposable address, ...). Scores are compared with the analyst's thresholds
 * where given: the summary passes the settings; the index passes none, so a changed threshold never makes the
 * stored queue columns stale.
 */
import type { AmlHit, SessionPayload, Warning } from './didit/session.js';
import { canonicalStatus } from './didit/statuses.js';

export const KYC_CHECKS = [
  'document',
  'nfc',
  'liveness',
  'faceMatch',
  'aml',
  'databaseValidation',
  'proofOfAddress',
  'phone',
  'email',
  'ip',
] as const;
export const KYB_CHECKS = ['registry', 'keyPeople', 'documents', 'companyAml', 'questionnaires'] as const;
export type CheckKey = (typeof KYC_CHECKS)[number] | (typeof KYB_CHECKS)[number];

/** failed: Didit declined it; warned: in review, a warning or a risky flag; passed; pending: not finished. */
export type CheckOutcome = 'failed' | 'warned' | 'passed' | 'pending';

/** Risky flags a check can raise besides its status (translated by the UI under `signals.flag.<code>`). */
export type CheckFlag =
  | 'belowThreshold'
  | 'vpnOrTor'
  | 'dataCenter'
  | 'disposable'
  | 'virtual'
  | 'breached'
  | 'undeliverable'
  | 'sanctions'
  | 'pep'
  | 'warningList'
  | 'adverseMedia'
  | 'missingDocuments';

export interface AmlHitTally {
  /** Hits not dispositioned False Positive. */
  open: number;
  falsePositive: number;
  sanctions: number;
  pep: number;
  warningList: number;
  adverseMedia: number;
}

export interface CheckSignal {
  key: CheckKey;
  /** The payload block it reads (the case's section of that block). */
  block: string;
  outcome: CheckOutcome;
  /** The worst status among the block's items, as sent. */
  status: string | null;
  /** 0..100, the lowest among the block's items; null when the check has no score. */
  score: number | null;
  threshold: number | null;
  warnings: Warning[];
  flags: CheckFlag[];
  aml?: AmlHitTally;
}

export interface SignalThresholds {
  faceMatch: number;
  liveness: number;
}

/** Local AML dispositions by hit id (they outrank the hit's review_status as sent). */
export type HitDispositions = ReadonlyMap<string, string>;

const OUTCOME_RANK: Record<CheckOutcome, number> = { failed: 3, warned: 2, pending: 1, passed: 0 };

type Item = { status?: string | null; warnings?: Warning[] | null } & Record<string, unknown>;

function outcomeOfStatus(status: string | null | undefined): CheckOutcome {
  const canon = status ? (canonicalStatus(status) ?? status) : null;
  if (canon === 'Declined') return 'failed';
  if (canon === 'In Review' || canon === 'Resubmitted') return 'warned';
  if (canon === 'Approved') return 'passed';
  return 'pending';
}

function worse(a: CheckOutcome, b: CheckOutcome): CheckOutcome {
  return OUTCOME_RANK[b] > OUTCOME_RANK[a] ? b : a;
}

/** Scores arrive as 0..1 or 0..100 depending on the source; read on a 0..100 scale. */
function percent(score: unknown): number | null {
  if (typeof score !== 'number' || !Number.isFinite(score)) return null;
  return score > 0 && score <= 1 ? score * 100 : score;
}

const MAX_ITEMS = 50;

function checkOf(
  key: CheckKey,
  block: string,
  items: readonly Item[] | null | undefined,
  extra: (item: Item) => CheckFlag[] = () => [],
  score?: { field: string; threshold: number | undefined },
): CheckSignal | null {
  const list = (items ?? []).slice(0, MAX_ITEMS);
  if (list.length === 0) return null;
  let outcome: CheckOutcome = 'passed';
  let status: string | null = null;
  let statusOutcome: CheckOutcome | null = null;
  let lowest: number | null = null;
  const warnings: Warning[] = [];
  const flags = new Set<CheckFlag>();
  for (const item of list) {
    const own = outcomeOfStatus(item.status);
    if (statusOutcome === null || OUTCOME_RANK[own] > OUTCOME_RANK[statusOutcome]) {
      statusOutcome = own;
      status = item.status ?? null;
    }
    outcome = worse(outcome, own);
    for (const w of (item.warnings ?? []).slice(0, MAX_ITEMS)) {
      warnings.push(w);
      if (w.log_type === 'error' || w.log_type === 'warning') outcome = worse(outcome, 'warned');
    }
    for (const f of extra(item)) flags.add(f);
    if (score) {
      const value = percent(item[score.field]);
      if (value !== null && (lowest === null || value < lowest)) lowest = value;
    }
  }
  if (score?.threshold !== undefined && lowest !== null && lowest < score.threshold) flags.add('belowThreshold');
  if (flags.size > 0) outcome = worse(outcome, 'warned');
  return {
    key,
    block,
    outcome,
    status,
    score: lowest,
    threshold: score?.threshold ?? null,
    warnings,
    flags: [...flags],
  };
}

const nonEmpty = (v: unknown) => Array.isArray(v) && v.length > 0;

/** The lists a hit was found on, from its match arrays or else its dataset names. */
export function hitCategories(hit: AmlHit): ('sanctions' | 'pep' | 'warningList' | 'adverseMedia')[] {
  const datasets = (hit.datasets ?? []).map((d) => String(d).toLowerCase());
  const has = (arr: unknown, word: string) => nonEmpty(arr) || datasets.some((d) => d.includes(word));
  const out: ('sanctions' | 'pep' | 'warningList' | 'adverseMedia')[] = [];
  if (has(hit.sanction_matches, 'sanction')) out.push('sanctions');
  if (has(hit.pep_matches, 'pep')) out.push('pep');
  if (has(hit.warning_matches, 'warning')) out.push('warningList');
  if (has(hit.adverse_media_matches, 'adverse')) out.push('adverseMedia');
  return out;
}

/** A hit's review status: the local disposition where there is one, else the status as sent. */
export function hitReviewStatus(hit: AmlHit, dispositions?: HitDispositions): string | null {
  const local = hit.id ? dispositions?.get(hit.id) : undefined;
  return local ?? hit.review_status ?? null;
}

function amlCheck(
  key: 'aml' | 'companyAml',
  screenings: SessionPayload['aml_screenings'],
  dispositions?: HitDispositions,
): CheckSignal | null {
  const check = checkOf(key, 'aml_screenings', screenings as Item[] | null | undefined);
  if (!check) return null;
  const tally: AmlHitTally = { open: 0, falsePositive: 0, sanctions: 0, pep: 0, warningList: 0, adverseMedia: 0 };
  for (const screening of (screenings ?? []).slice(0, MAX_ITEMS)) {
    for (const hit of (screening.hits ?? []).slice(0, 500)) {
      if (hitReviewStatus(hit, dispositions) === 'False Positive') {
        tally.falsePositive++;
        continue;
      }
      tally.open++;
      for (const c of hitCategories(hit)) tally[c]++;
    }
  }
  const flags = new Set(check.flags);
  for (const c of ['sanctions', 'pep', 'warningList', 'adverseMedia'] as const) if (tally[c] > 0) flags.add(c);
  // Hits all cleared as False Positive leave only what Didit's status says.
  const outcome = tally.open > 0 ? worse(check.outcome, 'warned') : check.outcome;
  return { ...check, outcome, flags: [...flags], aml: tally };
}

/** Every check a case carries, in the order the case shows its sections. Checks the session lacks are left out. */
export function caseChecks(
  payload: SessionPayload,
  thresholds?: SignalThresholds,
  dispositions?: HitDispositions,
): CheckSignal[] {
  const checks: (CheckSignal | null)[] = [];
  if (payload.session_kind === 'user') {
    checks.push(
      checkOf('document', 'id_verifications', payload.id_verifications as Item[]),
      checkOf('nfc', 'nfc_verifications', payload.nfc_verifications as Item[]),
      checkOf('faceMatch', 'face_matches', payload.face_matches as Item[], undefined, {
        field: 'score',
        threshold: thresholds?.faceMatch,
      }),
      checkOf('liveness', 'liveness_checks', payload.liveness_checks as Item[], undefined, {
        field: 'score',
        threshold: thresholds?.liveness,
      }),
      amlCheck('aml', payload.aml_screenings, dispositions),
      checkOf('databaseValidation', 'database_validations', payload.database_validations as Item[]),
      checkOf('proofOfAddress', 'proof_of_address', payload.proof_of_address as Item[]),
      checkOf('phone', 'phone_verifications', payload.phone_verifications as Item[], (p) =>
        flagsWhere(p, { is_disposable: 'disposable', is_virtual: 'virtual' }),
      ),
      checkOf('email', 'email_verifications', payload.email_verifications as Item[], (e) =>
        flagsWhere(e, { is_breached: 'breached', is_disposable: 'disposable', is_undeliverable: 'undeliverable' }),
      ),
      checkOf('ip', 'ip_analyses', payload.ip_analyses as Item[], (ip) =>
        flagsWhere(ip, { is_vpn_or_tor: 'vpnOrTor', is_data_center: 'dataCenter' }),
      ),
    );
  } else {
    checks.push(
      checkOf('registry', 'registry_checks', payload.registry_checks as Item[]),
      checkOf('keyPeople', 'key_people_checks', payload.key_people_checks as Item[]),
      checkOf('documents', 'document_verifications', payload.document_verifications as Item[], (d) => {
        const groups = Array.isArray(d.groups) ? (d.groups as { summary?: { missing?: unknown } | null }[]) : [];
        return groups.some((g) => typeof g?.summary?.missing === 'number' && g.summary.missing > 0)
          ? ['missingDocuments']
          : [];
      }),
      amlCheck('companyAml', payload.aml_screenings, dispositions),
      checkOf('questionnaires', 'questionnaires', payload.questionnaires as Item[]),
    );
  }
  return checks.filter((c): c is CheckSignal => c !== null);
}

/** The flags whose field is `true` on the item. */
function flagsWhere(item: Item, fields: Record<string, CheckFlag>): CheckFlag[] {
  return Object.entries(fields)
    .filter(([field]) => item[field] === true)
    .map(([, flag]) => flag);
}

/** Risk weights: a sanctions match outranks a PEP, which outranks a watch list, which outranks adverse media. */
export const RISK_WEIGHTS = {
  failedCheck: 40,
  warnedCheck: 10,
  sanctions: 100,
  pep: 50,
  warningList: 30,
  adverseMedia: 20,
  /** A hit on no recognisable list. */
  otherHit: 20,
} as const;

export interface QueueSignals {
  failedChecks: number;
  warnedChecks: number;
  /** Failed then warned check keys, e.g. `liveness:failed ip:warned`, for the queue row's badges. */
  checkFlags: string;
  /** Open AML hits (not False Positive). */
  openAmlHits: number;
  /** The risk sort's key: weighted failed and warned checks plus open AML hits by their heaviest list. */
  risk: number;
}

/** What the queue stores for a session (computed once at ingest, from `caseChecks` without thresholds). */
export function queueSignals(payload: SessionPayload, dispositions?: HitDispositions): QueueSignals {
  const checks = caseChecks(payload, undefined, dispositions);
  let risk = 0;
  let openAmlHits = 0;
  const failed = checks.filter((c) => c.outcome === 'failed');
  const warned = checks.filter((c) => c.outcome === 'warned');
  risk += failed.length * RISK_WEIGHTS.failedCheck + warned.length * RISK_WEIGHTS.warnedCheck;
  for (const screening of (payload.aml_screenings ?? []).slice(0, MAX_ITEMS)) {
    for (const hit of (screening.hits ?? []).slice(0, 500)) {
      if (hitReviewStatus(hit, dispositions) === 'False Positive') continue;
      openAmlHits++;
      const weights = hitCategories(hit).map((c) => RISK_WEIGHTS[c]);
      risk += weights.length > 0 ? Math.max(...weights) : RISK_WEIGHTS.otherHit;
      // Within a list, the riskier listing first (0..1 of a point, never enough to jump a list).
      risk += Math.min(100, Math.max(0, percent(hit.risk_score) ?? 0)) / 100;
    }
  }
  return {
    failedChecks: failed.length,
    warnedChecks: warned.length,
    checkFlags: [...failed.map((c) => `${c.key}:failed`), ...warned.map((c) => `${c.key}:warned`)].join(' '),
    openAmlHits,
    risk: Math.round(risk * 1000) / 1000,
  };
}

/** Parses `checkFlags` back into keys and outcomes (unknown parts are skipped). */
export function parseCheckFlags(flags: string | null | undefined): { key: CheckKey; outcome: 'failed' | 'warned' }[] {
  const known = new Set<string>([...KYC_CHECKS, ...KYB_CHECKS]);
  return (flags ?? '')
    .split(' ')
    .map((part) => part.split(':'))
    .filter(([key, outcome]) => known.has(key) && (outcome === 'failed' || outcome === 'warned'))
    .map(([key, outcome]) => ({ key: key as CheckKey, outcome: outcome as 'failed' | 'warned' }));
}

/** Folds a name for comparison: no accents, no case, single spaces, letters like ð and ø spelled out. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ðđ]/g, 'd')
    .replace(/þ/g, 'th')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/ø/g, 'o')
    .replace(/ß/g, 'ss')
    .replace(/ł/g, 'l')
    .replace(/ı/g, 'i')
    .replace(/ħ/g, 'h')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface DuplicateKeys {
  /** The first identity document's number, letters and digits only, upper case (at least 5 of them). */
  documentKey: string | null;
  /** Folded full name + date of birth (KYC), or folded company name + country (KYB). */
  personKey: string | null;
}

/** What makes two sessions possibly the same customer. */
export function duplicateKeys(payload: SessionPayload): DuplicateKeys {
  if (payload.session_kind === 'user') {
    const id = payload.id_verifications?.[0];
    const number = (id?.document_number ?? id?.personal_number ?? '').toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');
    const name = foldText(id?.full_name ?? [id?.first_name, id?.last_name].filter(Boolean).join(' '));
    const dob = (id?.date_of_birth ?? '').trim().slice(0, 10);
    return {
      documentKey: number.length >= 5 ? `doc:${number.slice(0, 64)}` : null,
      personKey: name && dob ? `person:${name.slice(0, 200)}|${dob}` : null,
    };
  }
  const company = payload.registry_checks?.[0]?.company;
  const number = (company?.registration_number ?? '').toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');
  const country = (company?.country_code ?? '').toUpperCase().slice(0, 3);
  const name = foldText(company?.company_name ?? '');
  return {
    documentKey: number.length >= 5 ? `reg:${country}:${number.slice(0, 64)}` : null,
    personKey: name && country ? `company:${name.slice(0, 200)}|${country}` : null,
  };
}
