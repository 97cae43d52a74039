/**
 * Who acts in this profile, as the audit trail and the disposition outbox name them: the profile's analyst (Settings;
 * issue 9 item 1), else the OS user until one is set. One small function, so every record names the same person.
 */
import type { CacheStore } from '../cache/cache-api.js';
import { suggestedAnalyst } from './analyst.js';

export function actingAnalyst(cache: CacheStore): string {
  return cache.getAnalyst()?.name ?? suggestedAnalyst().name;
}

/** Audit types written by the app on its own (sync, media, delivery outcomes): their actor is "system". */
export function isSystemAuditType(type: string): boolean {
  return (
    /^(sync|media|session|retention|webhook)\./.test(type) ||
    /\.(synced|conflict|held|delivered|refused|voided)$/.test(type)
  );
}

/**
 * The cache with every audit entry naming its actor: entries the analyst's actions write get `details.actor`
 * unless they already name one (`actor`, or an `analyst`); the app's own entries stay without (read as "system").
 */
export function withAuditActor(cache: CacheStore): CacheStore {
  const append = cache.appendAudit.bind(cache);
  cache.appendAudit = (entry) => {
    const details = entry.details ?? {};
    if (isSystemAuditType(entry.type) || 'actor' in details || 'analyst' in details) return append(entry);
    return append({ ...entry, details: { ...details, actor: actingAnalyst(cache) } });
  };
  return cache;
}
