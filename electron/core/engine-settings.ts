/** The app as a whole: its status, settings, retention purge and the wipe of the whole profile. */
import { settingsSchema, type AppStatus, type ReviewerOutputs, type Settings } from '../../shared/reviewer-api.js';
import { wipeProfile } from './cache/index.js';
import type { EngineState, Parsed } from './engine-state.js';
import { applyWebhookSettings } from './engine-webhook.js';
import { toReviewerError } from './errors.js';

export function appStatus(s: EngineState): AppStatus {
  const runtimes = [...s.runtimes.values()];
  return {
    keychain: s.opts.secrets.kind,
    demo: s.opts.demo ?? false,
    connections: runtimes.map((rt) => ({ id: rt.id, name: rt.record.name, online: rt.online })),
    outbox: s.sender.counts(),
    sync: runtimes.map((rt) => rt.progress.snapshot),
    webhook: { listening: s.webhook.listening, url: s.webhook.url },
  };
}

export async function updateSettings(s: EngineState, patch: Parsed<'updateSettings'>): Promise<Settings> {
  const { cache } = s.ctx;
  const before = cache.getSettings();
  const next: Settings = settingsSchema.parse({ ...before, ...patch });
  const webhookChanged = JSON.stringify(next.webhook) !== JSON.stringify(before.webhook);
  if (webhookChanged) await applyWebhookSettings(s, next.webhook);
  cache.transaction(() => {
    cache.saveSettings(next);
    cache.appendAudit({ type: 'settings.changed', details: { changed: Object.keys(patch) } });
  });
  if (next.pollIntervalSeconds !== before.pollIntervalSeconds) {
    for (const rt of s.runtimes.values()) rt.poller.reschedule();
  }
  return next;
}

export function purgeExpired(s: EngineState): ReviewerOutputs['purgeExpired'] {
  const { cache } = s.ctx;
  const days = cache.getSettings().retentionDays;
  const purgedSessions = cache.transaction(() => {
    const n = cache.purgeDecidedOlderThan(days);
    if (n > 0) cache.appendAudit({ type: 'retention.purged', details: { sessions: n, olderThanDays: days } });
    return n;
  });
  if (purgedSessions > 0) s.ctx.events.emit({ type: 'sessions.changed', sessionIds: [] });
  return { purgedSessions };
}

/** The purge at start is a courtesy: a failure is logged and the engine starts anyway. */
export function purgeAtStart(s: EngineState, retentionDays: number): void {
  try {
    s.ctx.cache.purgeDecidedOlderThan(retentionDays);
  } catch (err) {
    console.warn(`countersign: retention purge failed: ${toReviewerError(err).message}`);
  }
}

/** Closes the engine (through `close`, which owns the shutdown) before deleting its files and keys. */
export async function wipeAll(s: EngineState, close: () => Promise<void>): Promise<ReviewerOutputs['wipeProfile']> {
  const connectionIds = s.ctx.cache.listConnections().map((c) => c.id);
  await close();
  await wipeProfile({ profileDir: s.opts.profileDir, secrets: s.opts.secrets, connectionIds });
  return { wiped: true as const };
}
