/**
 * One sync pass of a connection: list the application's sessions (every page), pick those whose payload must be
 * read (the target decides: new or changed ones, and for the review cache those with media still missing), fetch
 * them a few at a time and store each one. A transient failure (offline, rate limited, server trouble) ends the pass
 * so the loop backs off; a session the server answers but that cannot be read is skipped and reported, the others
 * still sync.
 */
import type { SessionSummary } from '../../../shared/didit/api.js';
import type { RawSession } from '../../../shared/didit/session-reader.js';
import { isInReview } from '../../../shared/didit/statuses.js';
import type { EngineContext } from '../context.js';
import type { DiditClient } from '../didit-client.js';
import { isTransient, toReviewerError } from '../errors.js';
import { groupCommit } from './group-commit.js';
import { ingestSession, MAX_MEDIA_ATTEMPTS } from './ingest.js';
import type { ProgressReporter } from './progress.js';

const SESSIONS_IN_FLIGHT = 6;
/** At most this many downloaded sessions wait for one commit. */
const COMMIT_BATCH = 16;
/** How many changed ids a `sessions.changed` event carries at most, so the UI refreshes while a big sync runs. */
const CHANGED_BATCH = 100;
/**
 * Changes are also announced at least this often: the first sessions stored show in the queue at once (on a first
 * start the inbox fills while the demo syncs), and a slow sync keeps the queue moving.
 */
const CHANGED_EVERY_MS = 250;

/** Where a pass puts what it fetches. */
export interface SyncTarget {
  /** The listed sessions whose payload must be read. */
  select(listed: SessionSummary[]): SessionSummary[];
  /**
   * Stores one payload as sent. `queued`: it is in the review queue, so the UI hears about it. `onWriteQueued` is
   * called once the session's write waits only for its commit (its media are downloaded): the pass fetches the next
   * session meanwhile.
   */
  store(payload: RawSession, onWriteQueued?: () => void): Promise<StoreResult>;
}

export interface StoreResult {
  isNew: boolean;
  queued: boolean;
  /** The status as read from the payload. */
  status: string;
  /** How many parts of the payload could not be read (the rest of the session is stored). */
  unreadableParts: number;
}

/** The review cache: every session of a receiving connection, with its media. */
export function reviewTarget(ctx: EngineContext, connectionId: string, progress: ProgressReporter): SyncTarget {
  // Sessions downloaded close together are committed together (group-commit.ts).
  const commit = groupCommit((fn) => ctx.cache.transaction(fn), COMMIT_BATCH);
  return {
    select(listed) {
      const known = ctx.cache.sessionHeaders(connectionId);
      const missingMedia = ctx.cache.sessionsMissingMedia(connectionId, MAX_MEDIA_ATTEMPTS);
      return listed.filter((s) => {
        const header = known.get(s.session_id);
        return header?.status !== s.status || header?.needsFetch === true || missingMedia.has(s.session_id);
      });
    },
    async store(payload, onWriteQueued) {
      const result = await ingestSession(ctx, connectionId, payload, { progress, commit, onWriteQueued });
      return { isNew: result.isNew, queued: true, status: result.status, unreadableParts: result.unreadableParts };
    },
  };
}

export interface SyncOutcome {
  listed: number;
  fetched: number;
  newSessions: number;
  newInReview: number;
  /** Sessions skipped because the server's answer could not be used; the first reason. */
  skipped: number;
  firstSkipReason: string | null;
  /** Sessions stored with one or more parts the app could not read (shown on the case with their raw JSON). */
  partlyRead: number;
}

export async function syncConnection(
  ctx: EngineContext,
  connectionId: string,
  client: DiditClient,
  progress: ProgressReporter,
  target: SyncTarget,
  onListed?: () => void,
): Promise<SyncOutcome> {
  const listed = await client.listAllSessions();
  onListed?.();
  const todo = target.select(listed);
  const outcome: SyncOutcome = {
    listed: listed.length,
    fetched: 0,
    newSessions: 0,
    newInReview: 0,
    skipped: 0,
    firstSkipReason: null,
    partlyRead: 0,
  };
  progress.begin(todo.length);
  let changed: string[] = [];
  let announcedAt = 0;
  const flushChanged = () => {
    if (changed.length > 0) ctx.events.emit({ type: 'sessions.changed', sessionIds: changed });
    changed = [];
    announcedAt = performance.now();
  };
  let next = 0;
  let fatal: unknown = null;
  const storeOne = async (sessionId: string, onWriteQueued: () => void) => {
    try {
      const payload = await client.getDecision(sessionId);
      const result = await target.store(payload, onWriteQueued);
      outcome.fetched++;
      if (result.unreadableParts > 0) outcome.partlyRead++;
      if (result.isNew) {
        outcome.newSessions++;
        if (result.queued && isInReview(result.status)) outcome.newInReview++;
      }
      if (result.queued) changed.push(payload.session_id);
      if (changed.length >= CHANGED_BATCH || performance.now() - announcedAt >= CHANGED_EVERY_MS) flushChanged();
    } catch (err) {
      if (isTransient(err) || ctx.signal.aborted) {
        fatal ??= err;
      } else {
        outcome.skipped++;
        outcome.firstSkipReason ??= toReviewerError(err).message;
      }
    }
    progress.sessionDone();
  };
  // Each worker fetches one session at a time; once its write is queued for commit, it goes on to the next one.
  const storing = new Set<Promise<void>>();
  const worker = async () => {
    while (next < todo.length && fatal === null && !ctx.signal.aborted) {
      const summary = todo[next++];
      await new Promise<void>((writeQueued) => {
        const task = storeOne(summary.session_id, writeQueued).finally(() => {
          storing.delete(task);
          writeQueued();
        });
        storing.add(task);
      });
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(SESSIONS_IN_FLIGHT, todo.length) }, worker));
    await Promise.all(storing);
  } finally {
    flushChanged();
    progress.end();
  }
  // Announced even when the pass ends early: these sessions will not count as new again.
  if (outcome.newInReview > 0) {
    ctx.events.emit({
      type: 'imports.arrived',
      connectionId,
      count: outcome.newSessions,
      inReview: outcome.newInReview,
    });
  }
  if (fatal !== null) throw fatal;
  return outcome;
}
