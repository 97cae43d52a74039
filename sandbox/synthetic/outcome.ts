/**
 * How a session's status shapes its features: which flags decline or put a feature in review, the feature-level
 * status that follows, and the warning objects that explain it.
 */
import {
  canonicalStatus,
  isStatusOfKind,
  statusForKind,
  type FEATURE_STATUSES,
  type SessionKind,
  type SessionStatus,
} from '../../shared/didit/statuses.js';
import { shuffle } from './rng.js';
import { MEDIA_REF_PREFIX, type Rng, type SyntheticFlag } from './types.js';

/** decline → the feature is Declined (error), review → In Review (warning), info → Approved with a note. */
export type Severity = 'decline' | 'review' | 'info';
export type Outcome = 'approved' | 'declined' | 'review' | 'unfinished';

export interface Verdict {
  status: SessionStatus;
  outcome: Outcome;
  severities: ReadonlyMap<SyntheticFlag, Severity>;
}

/**
 * Checks the requested status against the kind and decides each flag's severity. Throws a readable Error for a
 * status the kind does not have, so a bad request becomes a clear 400 upstream.
 */
export function decideVerdict(
  kind: SessionKind,
  requested: string | undefined,
  flags: readonly SyntheticFlag[] | undefined,
  allFlags: readonly SyntheticFlag[],
  rng: Rng,
): Verdict {
  const raw = requested ?? 'Approved';
  if (!isStatusOfKind(raw, kind)) throw new Error(`"${raw}" is not a status of ${kind} sessions`);
  const status = statusForKind(raw, kind);
  const canonical = canonicalStatus(raw);
  const outcome: Outcome =
    canonical === 'Approved' || canonical === 'Kyc Expired'
      ? 'approved'
      : canonical === 'Declined'
        ? 'declined'
        : canonical === 'In Review'
          ? 'review'
          : 'unfinished';
  const own = (flags ?? []).filter((f) => allFlags.includes(f));
  const chosen =
    own.length > 0 || outcome === 'approved' || outcome === 'unfinished'
      ? own
      : shuffle(rng, allFlags).slice(0, outcome === 'declined' ? 1 : rng.int(1, 2));
  const severities = new Map<SyntheticFlag, Severity>();
  chosen.forEach((flag, i) => {
    if (outcome === 'declined') severities.set(flag, i === 0 ? 'decline' : 'review');
    else if (outcome === 'review') severities.set(flag, 'review');
    else if (outcome === 'approved' && flag.startsWith('aml_')) severities.set(flag, 'info');
  });
  return { status, outcome, severities };
}

/** The feature item's own status, from the session outcome and the worst severity that touched it. */
export function featureStatus(outcome: Outcome, severity: Severity | undefined): (typeof FEATURE_STATUSES)[number] {
  if (outcome === 'unfinished') return 'Not Finished';
  if (severity === 'decline') return 'Declined';
  if (severity === 'review') return 'In Review';
  return 'Approved';
}

export function worst(...severities: (Severity | undefined)[]): Severity | undefined {
  for (const s of ['decline', 'review', 'info'] as const) if (severities.includes(s)) return s;
  return undefined;
}

const LOG_TYPE: Record<Severity, 'error' | 'warning' | 'information'> = {
  decline: 'error',
  review: 'warning',
  info: 'information',
};

export interface WarningObject {
  feature: string;
  risk: string;
  log_type: 'error' | 'warning' | 'information';
  short_description: string;
  long_description: string;
}

export function warning(feature: string, risk: string, severity: Severity, short: string, long: string): WarningObject {
  return { feature, risk, log_type: LOG_TYPE[severity], short_description: short, long_description: long };
}

export const mediaRef = (key: string) => `${MEDIA_REF_PREFIX}${key}`;
