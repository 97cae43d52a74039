/** The profile as a whole: its status, the retention purge and the wipe of everything it holds. */
import { wipeProfile as deleteProfile } from '../cache/index.js';
import { toReviewerError } from '../errors.js';
import type { EngineState, Handler } from './state.js';

export const getStatus: Handler<'getStatus'> = async (s) => {
  const runtimes = [...s.runtimes.values()];
  return {
    keychain: s.opts.secrets.kind,
    demo: s.opts.demo ?? false,
    connections: runtimes.map((rt) => ({ id: rt.id, name: rt.record.name, online: rt.online })),
    outbox: s.sender.counts(),
    sync: runtimes.map((rt) => rt.progress.snapshot),
    webhook: { listening: s.webhook.listening, url: s.webhook.url },
  };
};

export const purgeExpired: Handler<'purgeExpired'> = async (s) => {
  const { cache } = s.ctx;
  const days = cache.getSettings().retentionDays;
  const purgedSessions = cache.transaction(() => {
    const n = cache.purgeDecidedOlderThan(days);
    if (n > 0) cache.appendAudit({ type: 'retention.purged', details: { sessions: n, olderThanDays: days } });
    return n;
  });
  if (purgedSessions > 0) s.ctx.events.emit({ type: 'sessions.changed', sessionIds: [] });
  return { purgedSessions };
};

/** The purge at start is a courtesy: a failure is logged and the engine starts anyway. */
export function purgeAtStart(s: EngineState, retentionDays: number): void {
  try {
    s.ctx.cache.purgeDecidedOlderThan(retentionDays);
  } catch (err) {
    console.warn(`countersign: retention purge failed: ${toReviewerError(err).message}`);
  }
}

/** Closes the engine (through `close`, which owns the shutdown) before deleting its files and keys. */
export const wipeProfile: Handler<'wipeProfile'> = async (s) => {
  const connectionIds = s.ctx.cache.listConnections().map((c) => c.id);
  await s.close();
  await deleteProfile({ profileDir: s.opts.profileDir, secrets: s.opts.secrets, connectionIds });
  return { wiped: true as const };
};
