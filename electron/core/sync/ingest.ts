/**
 * The one path by which a session enters the cache, whether the poller, a webhook or an import brought it: download
 * its media while the URLs are fresh, then store the session (URLs replaced by locators) and its media in one
 * transaction. Media that is refused is recorded in the audit log, never stored. Media that is gone (the server
 * answered 4xx) or could not be downloaded at all is recorded as missing, so the poller reads the session again for
 * fresh URLs and downloads what is missing.
 */
import { mediaReferences } from '../../../shared/didit/session.js';
import type { RawSession } from '../../../shared/didit/session-reader.js';
import type { MissingMedia, SessionRecordInput } from '../cache/cache-api.js';
import type { EngineContext } from '../context.js';
import type { GroupCommit } from './group-commit.js';
import { fetchSessionMedia, withLocators } from './media-fetch.js';
import type { ProgressReporter } from './progress.js';

/** A media item found gone this many times, each time behind a freshly read URL, is given up on. */
export const MAX_MEDIA_ATTEMPTS = 5;

export interface IngestResult {
  sessionId: string;
  /** Not in the cache before. */
  isNew: boolean;
  status: string;
  mediaStored: number;
  mediaRefused: number;
  /** Parts of the payload the app could not read; the session is stored all the same. */
  unreadableParts: number;
}

export async function ingestSession(
  ctx: EngineContext,
  connectionId: string,
  payload: RawSession,
  opts: {
    importInfo?: SessionRecordInput['importInfo'];
    progress?: ProgressReporter;
    /** How the session's writes are committed: its own transaction by default, a bulk sync groups them. */
    commit?: GroupCommit;
    /** Called when the write waits only for its commit. */
    onWriteQueued?: () => void;
  } = {},
): Promise<IngestResult> {
  const sessionId = payload.session_id;
  const existing = ctx.cache.getSession(sessionId);
  const wasMissing = existing ? attemptsByLocator(ctx, sessionId) : new Map<string, number>();
  // Media already cached under the same locator is not downloaded again when only the status changed.
  const skip = new Set(existing ? ctx.cache.listMedia(sessionId).map((m) => m.locator) : []);
  const { payload: stored, outcomes } = await fetchSessionMedia(payload, {
    dispatcher: ctx.dispatcher,
    skip,
    onBytes: (n) => opts.progress?.bytesReceived(n),
    onAnnouncedBytes: (n) => opts.progress?.bytesAnnounced(n),
  });
  let mediaStored = 0;
  const missing: MissingMedia[] = [];
  const recovered: string[] = [];
  let read: { status: string; unreadableParts: string[] } = { status: '', unreadableParts: [] };
  const write = () => {
    read = ctx.cache.upsertSession({ connectionId, payload: stored, importInfo: opts.importInfo });
    if (read.unreadableParts.length > 0) {
      // Block names and reasons only: the parts themselves stay in the encrypted payload, never in the log.
      ctx.cache.appendAudit({
        type: 'session.partly_read',
        sessionId,
        connectionId,
        details: { parts: read.unreadableParts },
      });
    }
    for (const o of outcomes) {
      if (o.kind === 'stored') {
        ctx.cache.putMedia(sessionId, o.locator, { contentType: o.contentType, bytes: o.bytes });
        mediaStored++;
        if (wasMissing.has(o.locator)) recovered.push(o.locator);
        continue;
      }
      if (o.kind === 'unavailable')
        missing.push({ locator: o.locator, attempts: (wasMissing.get(o.locator) ?? 0) + 1 });
      ctx.cache.appendAudit({
        type: o.kind === 'rejected' ? 'media.rejected' : 'media.unavailable',
        sessionId,
        connectionId,
        details: { locator: o.locator, reason: o.reason },
      });
    }
    ctx.cache.setMissingMedia(sessionId, missing);
    if (recovered.length > 0) {
      ctx.cache.appendAudit({ type: 'media.recovered', sessionId, connectionId, details: { locators: recovered } });
    }
  };
  if (opts.commit) {
    const committed = opts.commit(write);
    opts.onWriteQueued?.();
    await committed;
  } else ctx.cache.transaction(write);
  return {
    sessionId,
    isNew: existing === null,
    status: read.status,
    mediaStored,
    mediaRefused: outcomes.length - mediaStored,
    unreadableParts: read.unreadableParts.length,
  };
}

/**
 * Stores a session whose media could not be downloaded at all (the media host was unreachable), every item not
 * already cached recorded as missing. For a session that must not be lost, such as one just imported: the server
 * has consumed the token.
 */
export function storeWithoutMedia(
  ctx: EngineContext,
  connectionId: string,
  payload: RawSession,
  importInfo?: SessionRecordInput['importInfo'],
  opts: { needsFetch?: boolean } = {},
): void {
  const sessionId = payload.session_id;
  const wasMissing = attemptsByLocator(ctx, sessionId);
  const cached = new Set(ctx.cache.listMedia(sessionId).map((m) => m.locator));
  const refs = mediaReferences(payload);
  ctx.cache.transaction(() => {
    ctx.cache.upsertSession({ connectionId, payload: withLocators(payload, refs), importInfo, ...opts });
    // A network failure says nothing about the item itself: it does not count as an attempt.
    ctx.cache.setMissingMedia(
      sessionId,
      refs
        .filter((r) => !cached.has(r.locator))
        .map((r) => ({ locator: r.locator, attempts: wasMissing.get(r.locator) ?? 0 })),
    );
  });
}

function attemptsByLocator(ctx: EngineContext, sessionId: string): Map<string, number> {
  return new Map(ctx.cache.listMissingMedia(sessionId).map((m) => [m.locator, m.attempts]));
}
