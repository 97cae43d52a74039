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
import { infixMatchExpression } from './infix-search.js';
import { statusKey } from './session-index.js';

const DAY_MS = 86_400_000;

/**
 * The signal columns of a row (infix-search.ts, session-index.ts signalColumns): failed and warned checks, and
 * how many other sessions may be the same customer, each a lookup in a partial index (a page costs 100 probes).
 */
const SIGNAL_COLUMNS = `s.failed_checks, s.warned_checks, s.check_flags,
  (SELECT count(*) FROM sessions d WHERE d.rid <> s.rid
    AND (d.duplicate_doc_key = s.duplicate_doc_key OR d.duplicate_person_key = s.duplicate_person_key)) AS duplicates`;

export const QUEUE_ROW_COLUMNS = `s.id, s.connection_id, s.session_number, s.kind, s.status, s.subject_name, s.vendor_data,
  s.created_at, s.shared_from_session, s.source_application_id, s.aml_hits, s.risk_score, s.decision_state,
  s.decided_at, s.decided_by,
  ${SIGNAL_COLUMNS}`;

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
  /**
   * For a search that matches very many rows (a two-letter prefix): the same query the other way round, walking the
   * sort's index over `sessions s` and keeping the rows among the matches, which stops once the page is full. `count`
   * is the matches before any other filter, to choose between the two (its single parameter is params[0]).
   */
  searchByIndex: { from: string; where: string; count: string } | null;
}

/** The other sessions sharing a duplicate key with the session `?` (its id, three times). */
const duplicateCondition = `s.id <> ? AND (
    s.duplicate_doc_key = (SELECT duplicate_doc_key FROM sessions WHERE id = ?)
    OR s.duplicate_person_key = (SELECT duplicate_person_key FROM sessions WHERE id = ?))`;

export function buildQueueSql(input: QueueQuery, nowMs: number): QueueSql {
  const parsed = queueQuerySchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ReviewerError('validation', `Invalid queue query: ${issue.message}`, issue.path.join('.') || undefined);
  }
  const q = parsed.data;
  const conds: string[] = [];
  const params: (string | number)[] = [];
  // Words of three letters or more: the folded trigram index (matches inside words); shorter ones: the prefix index.
  const infix = q.search === undefined ? null : infixMatchExpression(q.search);
  const match = q.search === undefined || infix !== null ? null : ftsMatchExpression(q.search);
  const searchTable = infix !== null ? 'sessions_infix' : 'sessions_fts';
  if (infix !== null || match !== null) {
    conds.push(`${searchTable} MATCH ?`);
    params.push((infix ?? match)!);
  }
  if (q.duplicateOf !== undefined) {
    conds.push(duplicateCondition);
    params.push(q.duplicateOf, q.duplicateOf, q.duplicateOf);
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
    from:
      infix === null && match === null
        ? 'sessions s'
        : `${searchTable} CROSS JOIN sessions s ON s.rid = ${searchTable}.rowid`,
    where: conds.length > 0 ? `WHERE ${conds.join(' AND ')}` : '',
    params,
    orderBy:
      q.sort === 'risk'
        ? 'ORDER BY s.risk_score DESC, s.sort_ms, s.rid'
        : q.sort === 'decided'
          ? 'ORDER BY s.decided_ms DESC, s.rid'
          : 'ORDER BY s.sort_ms, s.rid',
    limit: q.limit,
    offset: q.offset,
    search: infix !== null || match !== null,
    // Only for the prefix index, whose short prefixes are the searches with thousands of matches and whose match
    // count is cheap (trigram counts are not).
    searchByIndex:
      match === null
        ? null
        : {
            from: 'sessions s',
            where: `WHERE ${['s.rid IN (SELECT rowid FROM sessions_fts WHERE sessions_fts MATCH ?)', ...conds.slice(1)].join(' AND ')}`,
            count: 'SELECT count(*) FROM sessions_fts WHERE sessions_fts MATCH ?',
          },
  };
}
