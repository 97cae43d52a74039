/**
 * The audit trail in words (issue 9, item 7), shared by the Settings view and the CSV export: what an entry's outcome
 * was and which values it changed (old → new). The log stores codes and ids only (never PII): these read them.
 */
import type { AuditEntry } from './reviewer-api.js';

/** An entry's outcome as a short code the UI translates (`auditOutcome.<code>`). */
export type AuditOutcome = 'queued' | 'sent' | 'conflict' | 'held' | 'changed' | 'refused' | 'done';

export function auditOutcome(entry: Pick<AuditEntry, 'type'>): AuditOutcome {
  const t = entry.type;
  if (t.endsWith('.held')) return 'held';
  if (t.endsWith('.conflict')) return 'conflict';
  if (t.endsWith('.synced') || t.endsWith('.delivered')) return 'sent';
  if (t.endsWith('.made') || t.endsWith('.proposed')) return 'queued';
  if (t.endsWith('.changed') || t.endsWith('.saved') || t.endsWith('.retracted')) return 'changed';
  if (t.endsWith('.rejected') || t.endsWith('.refused') || t.endsWith('.failed')) return 'refused';
  return 'done';
}

export interface AuditChange {
  field: string;
  old: string;
  new: string;
}

function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/**
 * The values an entry changed: settings and analyst entries (`details.old` / `details.new`, objects of the changed
 * fields), dispositions and decisions (`from` / `to`, or `newStatus`).
 */
export function auditChanges(details: Record<string, unknown>): AuditChange[] {
  const { old: before, new: after } = details as { old?: unknown; new?: unknown };
  if (isObject(before) || isObject(after)) {
    const b = isObject(before) ? before : {};
    const a = isObject(after) ? after : {};
    const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    return fields
      .filter((f) => show(b[f]) !== show(a[f]))
      .map((field) => ({ field, old: show(b[field]), new: show(a[field]) }));
  }
  if ('from' in details || 'to' in details) {
    const field = typeof details.hitId === 'string' ? `hit ${details.hitId}` : 'status';
    return [{ field, old: show(details.from), new: show(details.to) }];
  }
  if (typeof details.newStatus === 'string') return [{ field: 'status', old: '—', new: details.newStatus }];
  return [];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** One CSV field: quoted when it holds a comma, quote or line break; a leading = + - @ is neutralised (no formulas). */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const AUDIT_CSV_HEADER = [
  'seq',
  'at',
  'actor',
  'action',
  'subject',
  'session_id',
  'outcome',
  'changes',
  'hash',
] as const;

export function auditCsvRow(e: AuditEntry): string {
  const changes = auditChanges(e.details)
    .map((c) => `${c.field}: ${c.old} → ${c.new}`)
    .join('; ');
  return [
    String(e.seq),
    e.at,
    e.actor ?? 'system',
    e.type,
    e.subject ?? '',
    e.sessionId ?? '',
    auditOutcome(e),
    changes,
    e.hash,
  ]
    .map(csvField)
    .join(',');
}
