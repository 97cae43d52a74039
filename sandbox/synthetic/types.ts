/**
 * What the synthetic-data generator hands the sandbox server. The generator is pure and deterministic (seeded);
 * the server stores the media (content-addressed) and turns media keys into expiring signed URLs when it answers.
 */
import type { SessionKind, SessionStatus } from '../../shared/didit/statuses.js';
import type { Person } from './people.js';

export interface SyntheticMedia {
  contentType: 'image/png' | 'image/jpeg' | 'application/pdf';
  /** Drawn on first read (drawn-on-read.ts). */
  readonly bytes: Uint8Array;
}

/** A media field's value inside `features` before the server rewrites it: `"media:<key>"`, key into `media`. */
export const MEDIA_REF_PREFIX = 'media:';

export interface SyntheticSession {
  kind: SessionKind;
  status: SessionStatus;
  vendorData: string;
  /**
   * The blocks of docs/didit-api.md §5 and §6 (KYC_FEATURE_ARRAYS or KYB_FEATURE_ARRAYS of shared/didit/session.ts),
   * every item complete (node_id, status, warnings, ...). Media fields hold `media:<key>` strings.
   */
  features: Record<string, unknown[]>;
  /** `features` list of the header (e.g. ["ID_VERIFICATION", "LIVENESS", ...]). */
  featureNames: string[];
  media: Record<string, SyntheticMedia>;
  /** KYC: who the session verified and the number of their identity document (to make a repeat customer). */
  identity?: SyntheticIdentity;
}

/** The customer of a KYC session: reused, it makes a second session of the same person (a possible duplicate). */
export interface SyntheticIdentity {
  person: Person;
  documentNumber: string;
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  int(min: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
}

/**
 * Risk signals a session can carry. In a Declined session the first flag declines its feature (error warning) and
 * the rest put theirs in review; in an In Review session every flag puts its feature in review (warning); in an
 * Approved session only AML flags apply, as hits already cleared as False Positive. Flags of the other kind are
 * ignored. When none are given, Declined and In Review sessions get one or two picked by the rng.
 */
export const KYC_FLAGS = [
  'face_mismatch',
  'low_liveness',
  'aml_sanctions',
  'aml_pep',
  'aml_adverse_media',
  'document_issue',
  'database_mismatch',
  'poa_issue',
  'risky_ip',
  'risky_phone',
  'risky_email',
] as const;
export const KYB_FLAGS = [
  'aml_sanctions',
  'aml_pep',
  'aml_adverse_media',
  'registry_issue',
  'key_people_issue',
  'document_issue',
  'questionnaire_issue',
] as const;
export type SyntheticFlag = (typeof KYC_FLAGS)[number] | (typeof KYB_FLAGS)[number];

export interface SyntheticOptions {
  kind: SessionKind;
  /** Any status of that kind, either spelling; default Approved / APPROVED. */
  status?: string;
  vendorData?: string;
  rng: Rng;
  flags?: readonly SyntheticFlag[];
  /**
   * KYC: verify this person instead of a drawn one, and with this document number when given (the same customer
   * again). Every other value is drawn as without it.
   */
  identity?: { person: Person; documentNumber?: string };
}

/** The deterministic demo world (`--demo`). Application 0 issues, application 1 receives. */
export interface DemoPlan {
  applications: { name: string }[];
  /** Sessions captured by application 0 (the issuer). */
  issuerSessions: SyntheticSession[];
  /** Which issuer sessions (by index) are already imported into application 1, and how. */
  imports: { issuerSessionIndex: number; trustReview: boolean; vendorData: string }[];
}
