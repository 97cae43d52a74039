/**
 * What happens to a session after capture, kept per session (never in the content-addressed record a source shares
 * with its imported clones): the activity feed behind `GET /v3/sessions/{id}/reviews/` and the decision's `reviews`,
 * and the AML hit dispositions laid over the record when the payload is built. Rows go with their session
 * (ON DELETE CASCADE).
 */
import type { KycStatus } from '../../shared/didit/statuses.js';
import type { Db } from './db.js';

/** One activity entry; statuses in the canonical (KYC) spelling, JSON fields as values. */
export interface ActivityEntry {
  uuid: string;
  session_id: string;
  activity_type: string;
  actor_display: string;
  actor_email: string | null;
  actor_type: string;
  new_status: KycStatus | null;
  previous_status: KycStatus | null;
  comment: string | null;
  mentioned_emails: string[];
  previous_value: unknown;
  new_value: unknown;
  changed_fields: string[];
  metadata: unknown;
  created_at: string;
}

interface ActivityRow extends Omit<
  ActivityEntry,
  'mentioned_emails' | 'previous_value' | 'new_value' | 'changed_fields' | 'metadata'
> {
  previous_value: string | null;
  new_value: string | null;
  changed_fields: string;
  metadata: string | null;
}

/** A disposition of one hit; `node_id` is '' for a screening without a node id. */
export interface HitReview {
  node_id: string;
  hit_id: string;
  review_status: string;
  updated_at: string;
}

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
const parsed = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/** @mentions in a comment (Didit notifies the console users they name). */
export function mentionedEmails(comment: string | null): string[] {
  if (!comment) return [];
  return [...new Set([...comment.matchAll(/(?<![\w.+-])@([\w.+-]+@[\w-]+(?:\.[\w-]+)+)/g)].map((m) => m[1]))];
}

function toEntry(row: ActivityRow): ActivityEntry {
  return {
    ...row,
    mentioned_emails: mentionedEmails(row.comment),
    previous_value: parsed(row.previous_value),
    new_value: parsed(row.new_value),
    changed_fields: JSON.parse(row.changed_fields) as string[],
    metadata: parsed(row.metadata),
  };
}

export class CaseStore {
  private readonly insertActivity;
  private readonly countActivity;
  private readonly pageNewest;
  private readonly statusReviews;
  private readonly hitReviewsOf;
  private readonly upsertHitReview;
  private readonly copyHitReviewRows;

  constructor(db: Db) {
    this.insertActivity = db.prepare<[ActivityRow]>(
      `INSERT INTO session_activity (uuid, session_id, activity_type, actor_display, actor_email, actor_type,
         new_status, previous_status, comment, previous_value, new_value, changed_fields, metadata, created_at)
       VALUES (@uuid, @session_id, @activity_type, @actor_display, @actor_email, @actor_type, @new_status,
         @previous_status, @comment, @previous_value, @new_value, @changed_fields, @metadata, @created_at)`,
    );
    this.countActivity = db.prepare<[string], { n: number }>(
      'SELECT COUNT(*) AS n FROM session_activity WHERE session_id = ?',
    );
    // Newest first; entries of the same instant in the reverse of their writing order.
    this.pageNewest = db.prepare<[string, number, number], ActivityRow>(
      `SELECT * FROM session_activity WHERE session_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?`,
    );
    this.statusReviews = db.prepare<[string], ActivityRow>(
      `SELECT * FROM session_activity WHERE session_id = ? AND new_status IS NOT NULL
       ORDER BY created_at, rowid`,
    );
    this.hitReviewsOf = db.prepare<[string], HitReview>(
      'SELECT node_id, hit_id, review_status, updated_at FROM aml_hit_reviews WHERE session_id = ?',
    );
    this.upsertHitReview = db.prepare(
      `INSERT INTO aml_hit_reviews (session_id, node_id, hit_id, review_status, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (session_id, node_id, hit_id)
       DO UPDATE SET review_status = excluded.review_status, updated_at = excluded.updated_at`,
    );
    this.copyHitReviewRows = db.prepare(
      `INSERT INTO aml_hit_reviews (session_id, node_id, hit_id, review_status, updated_at)
       SELECT ?, node_id, hit_id, review_status, updated_at FROM aml_hit_reviews WHERE session_id = ?`,
    );
  }

  append(entry: ActivityEntry): void {
    this.insertActivity.run({
      uuid: entry.uuid,
      session_id: entry.session_id,
      activity_type: entry.activity_type,
      actor_display: entry.actor_display,
      actor_email: entry.actor_email,
      actor_type: entry.actor_type,
      new_status: entry.new_status,
      previous_status: entry.previous_status,
      comment: entry.comment,
      previous_value: json(entry.previous_value),
      new_value: json(entry.new_value),
      changed_fields: JSON.stringify(entry.changed_fields),
      metadata: json(entry.metadata),
      created_at: entry.created_at,
    });
  }

  /** A page of the feed, newest first. */
  activityPage(sessionId: string, limit: number, offset: number): { count: number; entries: ActivityEntry[] } {
    const count = this.countActivity.get(sessionId)?.n ?? 0;
    return { count, entries: this.pageNewest.all(sessionId, limit, offset).map(toEntry) };
  }

  /** Entries that set a status (update-status calls and created reviews), oldest first. */
  statusEntries(sessionId: string): ActivityEntry[] {
    return this.statusReviews.all(sessionId).map(toEntry);
  }

  hitReviews(sessionId: string): HitReview[] {
    return this.hitReviewsOf.all(sessionId);
  }

  setHitReview(sessionId: string, review: HitReview): void {
    this.upsertHitReview.run(sessionId, review.node_id, review.hit_id, review.review_status, review.updated_at);
  }

  /** Gives an imported clone the source's dispositions as they are now; afterwards each goes its own way. */
  copyHitReviews(fromSessionId: string, toSessionId: string): void {
    this.copyHitReviewRows.run(toSessionId, fromSessionId);
  }
}
