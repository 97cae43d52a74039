/** The app's settings: reading them, and applying a change (webhook address, poll interval) as it is saved. */
import { settingsSchema, type Settings } from '../../../shared/reviewer-api.js';
import type { Handler } from './state.js';
import { applyWebhookSettings } from './webhook.js';

export const getSettings: Handler<'getSettings'> = async (s) => s.ctx.cache.getSettings();

export const updateSettings: Handler<'updateSettings'> = async (s, patch) => {
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
};
