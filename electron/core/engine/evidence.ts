/**
 * Evidence stamps (issue 9, item 6): the SHA-256 of `evidenceJson` (shared/evidence.ts), and the analyst's view of a
 * session, which is the cached server copy with the analyst's own AML dispositions laid over its hits.
 */
import { createHash } from 'node:crypto';
import type { SessionPayload } from '../../../shared/didit/session.js';
import { evidenceJson, withHitOverlays, type EvidenceOptions } from '../../../shared/evidence.js';
import type { CacheStore } from '../cache/cache-api.js';

export function evidenceHash(payload: SessionPayload, opts: EvidenceOptions = {}): string {
  return createHash('sha256').update(evidenceJson(payload, opts)).digest('hex');
}

/** What the analyst sees and decides on: the cached payload with their dispositions applied. */
export function analystView<P extends SessionPayload>(cache: CacheStore, sessionId: string, payload: P): P {
  return withHitOverlays(payload, cache.unsentOverlays(sessionId));
}
