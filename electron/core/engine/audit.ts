/**
 * The audit trail: reading it a page at a time (filtered by analyst, action and date), each entry with its actor and
 * the subject's name while the session is cached; exporting it as CSV; verifying its hash chain.
 */
import { AUDIT_CSV_HEADER, auditCsvRow } from '../../../shared/audit-text.js';
import type { AuditEntry } from '../../../shared/reviewer-api.js';
import type { CacheStore } from '../cache/cache-api.js';
import { isSystemAuditType } from './actor.js';
import type { Handler } from './state.js';

/** The actor an entry names, as the cache's filter reads it (ACTOR_SQL in cache/audit-log.ts). */
function actorOf(e: AuditEntry): string {
  const d = e.details;
  if (typeof d.actor === 'string') return d.actor;
  const a = d.analyst as unknown;
  if (typeof a === 'string') return a;
  if (a !== null && typeof a === 'object' && typeof (a as { name?: unknown }).name === 'string') {
    return (a as { name: string }).name;
  }
  return 'system';
}

/** Entries as the UI reads them: actor and subject added (neither is part of the hash). */
export function readable(cache: CacheStore, entries: AuditEntry[]): AuditEntry[] {
  const names = cache.subjectNames(entries.flatMap((e) => (e.sessionId ? [e.sessionId] : [])));
  return entries.map((e) => ({
    ...e,
    actor: actorOf(e),
    subject: e.sessionId ? (names.get(e.sessionId) ?? null) : null,
  }));
}

export const listAudit: Handler<'listAudit'> = async (s, query) => {
  const page = s.ctx.cache.listAudit(query);
  return { total: page.total, entries: readable(s.ctx.cache, page.entries) };
};

export const listAuditActors: Handler<'listAuditActors'> = async (s) => s.ctx.cache.listAuditActors();

/** At most this many entries in one export (500 per page, read in order). */
const EXPORT_MAX = 200_000;

export const exportAudit: Handler<'exportAudit'> = async (s, { format: _format, ...filter }) => {
  const { cache } = s.ctx;
  const lines: string[] = [AUDIT_CSV_HEADER.join(',')];
  let offset = 0;
  for (;;) {
    const page = cache.listAudit({ ...filter, offset, limit: 500 });
    for (const e of readable(cache, page.entries)) lines.push(auditCsvRow(e));
    offset += page.entries.length;
    if (page.entries.length < 500 || offset >= EXPORT_MAX) break;
  }
  cache.appendAudit({ type: 'audit.exported', details: { entries: offset, filter } });
  const day = new Date().toISOString().slice(0, 10);
  return { fileName: `countersign-audit-${day}.csv`, csv: `${lines.join('\r\n')}\r\n`, entries: offset };
};

export const verifyAudit: Handler<'verifyAudit'> = async (s) => s.ctx.cache.verifyAudit();

export { isSystemAuditType };
