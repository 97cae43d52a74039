/**
 * The sync target of an issue-only connection: the finished sessions it could share, header fields only (subject
 * name, AML figures), so the outbound picker shows who each session is about and works offline. Their media are
 * never downloaded, and they never enter the review queue: this connection does not receive.
 */
import { isFinishedStatus } from '../../../shared/didit/statuses.js';
import type { EngineContext } from '../context.js';
import type { SyncTarget } from './sync-run.js';

export function issuedTarget(ctx: EngineContext, connectionId: string): SyncTarget {
  let known = new Map<string, string>();
  return {
    select(listed) {
      const finished = listed.filter((s) => s.status != null && isFinishedStatus(s.status));
      // Sessions deleted on the server, or no longer finished, leave the picker.
      ctx.cache.keepIssuedSessions(connectionId, new Set(finished.map((s) => s.session_id)));
      known = ctx.cache.issuedSessionStatuses(connectionId);
      return finished.filter((s) => known.get(s.session_id) !== s.status);
    },
    async store(payload) {
      const read = ctx.cache.upsertIssuedSession(connectionId, payload);
      return {
        isNew: !known.has(payload.session_id),
        queued: false,
        status: read.status,
        unreadableParts: read.unreadableParts,
      };
    },
  };
}
