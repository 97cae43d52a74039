/**
 * The queue's SQL. Views: inbox = local status In Review (either spelling); decided = local status Approved,
 * Declined or Resubmitted; all = everything. Sorts: `age` = oldest first (the case waiting longest comes first),
 * `risk` = highest AML risk first, then oldest. Each view + sort reads one index in order, so a first page costs a
 * few index pages however large the cache is. A search reads the FTS matches first and sorts only those.
 * No ANALYZE statistics are kept on purpose: sampled statistics misjudged these columns, and the default planner
 * picks exactly the plans above.
 */
import { queueQuerySchema, type QueueQuery } from '../../../shared/reviewer-api.js';
import { ReviewerError } from '../../../shared/reviewer-errors.js';
import { ftsMatchExpression } from './fts-query.js';
import { statusKey } from './session-index.js';

const DAY_MS = 86_400_000;

export const QUEUE_ROW_COLUMNS = `s.id, s.connection_id, s.session_number, s.kind, s.status, s.subject_name, s.vendor_data,
  s.created_at, s.shared_from_session, s.source_application_id, s.aml_hits, s.risk_score, s.decision_state`;

export interface QueueSql {
  /** FROM clause; the session table is always `s`. */
  from: string;
  where: string;
  params: (string | number)[];
  orderBy: string;
  limit: number;
  offset: number;
  /** A full-text search narrows the rows before anything else (see querySessions). */
  search: boolean;
}

export function buildQueueSql(input: QueueQuery, nowMs: number): QueueSql {
  const parsed = queueQuerySchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ReviewerError('validation', `Invalid queue query: ${issue.message}`, issue.path.join('.') || undefined);
  }
  const q = parsed.data;
  const conds: string[] = [];
  const params: (string | number)[] = [];
  const match = q.search === undefined ? null : ftsMatchExpression(q.search);
  if (match !== null) {
    conds.push('sessions_fts MATCH ?');
    params.push(match);
  }
  if (q.view !== 'all') {
    conds.push('s.queue_view = ?');
    params.push(q.view);
  }
  if (q.statuses && q.statuses.length > 0) {
    const keys = [...new Set(q.statuses.map(statusKey))];
    conds.push(`s.status_canon IN (${keys.map(() => '?').join(', ')})`);
    params.push(...keys);
  }
  if (q.kind) {
    conds.push('s.kind = ?');
    params.push(q.kind);
  }
  if (q.connectionId) {
    conds.push('s.connection_id = ?');
    params.push(q.connectionId);
  }
  if (q.sourceApplicationId) {
    conds.push('s.source_application_id = ?');
    params.push(q.sourceApplicationId);
  }
  if (q.hasAmlHits !== undefined) conds.push(q.hasAmlHits ? 's.aml_hits > 0' : 's.aml_hits = 0');
  if (q.minAgeDays !== undefined) {
    conds.push('s.sort_ms <= ?');
    params.push(nowMs - q.minAgeDays * DAY_MS);
  }
  if (q.maxAgeDays !== undefined) {
    conds.push('s.sort_ms >= ?');
    params.push(nowMs - q.maxAgeDays * DAY_MS);
  }
  return {
    // CROSS JOIN fixes the order: the matches first, then one header lookup each. Left to itself the planner may
    // walk a whole view's index and probe the matches, which costs the same whether one row matches or none.
    from: match === null ? 'sessions s' : 'sessions_fts CROSS JOIN sessions s ON s.rid = sessions_fts.rowid',
    where: conds.length > 0 ? `WHERE ${conds.join(' AND ')}` : '',
    params,
    orderBy: q.sort === 'risk' ? 'ORDER BY s.risk_score DESC, s.sort_ms, s.rid' : 'ORDER BY s.sort_ms, s.rid',
    limit: q.limit,
    offset: q.offset,
    search: match !== null,
  };
}
