/**
 * The one path by which a session enters the cache, whether the poller, a webhook or an import brought it: download
 * its media while the URLs are fresh, then store the session (URLs replaced by locators) and its media in one
 * transaction. Media that is refused or gone is recorded in the audit log, never stored.
 */
import type { SessionPayload } from '../../../shared/session.js';
import type { SessionRecordInput } from '../cache/cache-api.js';
import type { EngineContext } from '../context.js';
import { fetchSessionMedia } from './media-fetch.js';
import type { ProgressReporter } from './progress.js';

export interface IngestResult {
  sessionId: string;
  /** Not in the cache before. */
  isNew: boolean;
  status: string;
  mediaStored: number;
  mediaRefused: number;
}

export async function ingestSession(
  ctx: EngineContext,
  connectionId: string,
  payload: SessionPayload,
  opts: { importInfo?: SessionRecordInput['importInfo']; progress?: ProgressReporter } = {},
): Promise<IngestResult> {
  const sessionId = payload.session_id;
  const existing = ctx.cache.getSession(sessionId);
  // Media already cached under the same locator is not downloaded again when only the status changed.
  const skip = new Set(existing ? ctx.cache.listMedia(sessionId).map((m) => m.locator) : []);
  const { payload: stored, outcomes } = await fetchSessionMedia(payload, {
    dispatcher: ctx.dispatcher,
    signal: ctx.signal,
    skip,
    onBytes: (n) => opts.progress?.bytesReceived(n),
    onAnnouncedBytes: (n) => opts.progress?.bytesAnnounced(n),
  });
  let mediaStored = 0;
  ctx.cache.transaction(() => {
    ctx.cache.upsertSession({ connectionId, payload: stored, importInfo: opts.importInfo });
    for (const o of outcomes) {
      if (o.kind === 'stored') {
        ctx.cache.putMedia(sessionId, o.locator, { contentType: o.contentType, bytes: o.bytes });
        mediaStored++;
      } else {
        ctx.cache.appendAudit({
          type: o.kind === 'rejected' ? 'media.rejected' : 'media.unavailable',
          sessionId,
          connectionId,
          details: { locator: o.locator, reason: o.reason },
        });
      }
    }
  });
  return {
    sessionId,
    isNew: existing === null,
    status: payload.status,
    mediaStored,
    mediaRefused: outcomes.length - mediaStored,
  };
}
