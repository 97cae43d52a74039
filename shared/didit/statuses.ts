/**
 * Session statuses exactly as Didit spells them (docs/didit-api.md §2).
 * KYC uses Title Case, KYB uses UPPER_SNAKE_CASE (the seed's spelling); newer Didit pages show Title Case for KYB
 * too, so parsing accepts either spelling for either kind and callers compare through `canonicalStatus`.
 */
import { z } from 'zod';

export const SESSION_KINDS = ['user', 'business'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];
export const sessionKindSchema = z.enum(SESSION_KINDS);

export const KYC_STATUSES = [
  'Not Started',
  'In Progress',
  'In Review',
  'Approved',
  'Declined',
  'Awaiting User',
  'Resubmitted',
  'Expired',
  'Abandoned',
  'Kyc Expired',
] as const;
export type KycStatus = (typeof KYC_STATUSES)[number];

export const KYB_STATUSES = [
  'NOT_STARTED',
  'IN_PROGRESS',
  'AWAITING_USER',
  'IN_REVIEW',
  'APPROVED',
  'DECLINED',
  'RESUBMITTED',
  'ABANDONED',
  'EXPIRED',
] as const;
export type KybStatus = (typeof KYB_STATUSES)[number];

export type SessionStatus = KycStatus | KybStatus;

/** The three statuses a decided-or-deciding session can be shared from, in KYC spelling. */
export const FINISHED_KYC_STATUSES = ['Approved', 'Declined', 'In Review'] as const;
/** Statuses an analyst (or the update-status call) may set. */
export const DECISION_STATUSES = ['Approved', 'Declined', 'Resubmitted'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

/** `IN_REVIEW` → `In Review`; KYC spellings pass through. Unknown strings give null. */
export function canonicalStatus(status: string): KycStatus | null {
  if ((KYC_STATUSES as readonly string[]).includes(status)) return status as KycStatus;
  if (!(KYB_STATUSES as readonly string[]).includes(status)) return null;
  const titled = status
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
  return titled as KycStatus;
}

/** The spelling a given kind uses on the wire (the sandbox emits these). */
export function statusForKind(status: string, kind: SessionKind): SessionStatus {
  const canonical = canonicalStatus(status);
  if (canonical === null) throw new Error(`Unknown session status: ${status}`);
  if (kind === 'user') return canonical;
  const snake = canonical.toUpperCase().replace(/ /g, '_');
  if (!(KYB_STATUSES as readonly string[]).includes(snake)) {
    throw new Error(`Status ${status} does not exist for business sessions`);
  }
  return snake as KybStatus;
}

/** Whether `status` is a real status of `kind` in either spelling (e.g. `Kyc Expired` is KYC only). */
export function isStatusOfKind(status: string, kind: SessionKind): boolean {
  try {
    statusForKind(status, kind);
    return true;
  } catch {
    return false;
  }
}

export function isFinishedStatus(status: string): boolean {
  const canonical = canonicalStatus(status);
  return canonical !== null && (FINISHED_KYC_STATUSES as readonly string[]).includes(canonical);
}

export function isInReview(status: string): boolean {
  return canonicalStatus(status) === 'In Review';
}

export const AML_REVIEW_STATUSES = ['Unreviewed', 'False Positive', 'Confirmed Match', 'Inconclusive'] as const;
export const FEATURE_STATUSES = ['Approved', 'Declined', 'In Review', 'Not Finished'] as const;
