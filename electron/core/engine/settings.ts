/** The app's settings: reading them, and applying a change (webhook address, poll interval) as it is saved. */
import { settingsSchema, type Settings } from '../../../shared/reviewer-api.js';
import type { Handler } from './state.js';
import { applyWebhookSettings } from './webhook.js';
import { actorDetails, currentAnalyst } from './analyst.js';

export const getSettings: Handler<'getSettings'> = async (s) => s.ctx.cache.getSettings();

export const updateSettings: Handler<'updateSettings'> = async (s, patch) => {
  const { cache } = s.ctx;
  const before = cache.getSettings();
  const next: Settings = settingsSchema.parse({ ...before, ...patch });
  const webhookChanged = JSON.stringify(next.webhook) !== JSON.stringify(before.webhook);
  if (webhookChanged) await applyWebhookSettings(s, next.webhook);
  cache.transaction(() => {
    cache.saveSettings(next);
    cache.appendAudit({
      type: 'settings.changed',
      details: { ...actorDetails(currentAnalyst(s)), changed: Object.keys(patch), ...settingsDiff(before, next) },
    });
  });
  if (next.pollIntervalSeconds !== before.pollIntervalSeconds) {
    for (const rt of s.runtimes.values()) rt.poller.reschedule();
  }
  return next;
};

/** Old → new values of the settings that changed (settings hold no secrets), for the audit trail. */
function settingsDiff(
  before: Settings,
  next: Settings,
): { old: Record<string, unknown>; new: Record<string, unknown> } {
  const old: Record<string, unknown> = {};
  const now: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof Settings)[]) {
    if (JSON.stringify(before[key]) === JSON.stringify(next[key])) continue;
    old[key] = before[key];
    now[key] = next[key];
  }
  return { old, new: now };
}
