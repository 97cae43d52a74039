/**
 * Webhook destinations of an application (docs/didit-api.md §11). `webhook_version` is added to tables created
 * before it existed.
 */
import type { Db } from './db.js';

export interface DestinationRow {
  id: string;
  application_id: string;
  url: string;
  subscribed_events: string;
  label: string | null;
  enabled: number;
  secret: string;
  created_at: string;
  webhook_version: string;
}

export class WebhookStore {
  private readonly insertRow;
  private readonly ofApp;
  private readonly deleteRow;
  private readonly enabledFor;

  constructor(db: Db) {
    const columns = db.prepare<[], { name: string }>('PRAGMA table_info(webhook_destinations)').all();
    if (!columns.some((c) => c.name === 'webhook_version')) {
      db.exec(`ALTER TABLE webhook_destinations ADD COLUMN webhook_version TEXT NOT NULL DEFAULT 'v3'`);
    }
    this.insertRow = db.prepare(
      `INSERT INTO webhook_destinations
         (id, application_id, url, subscribed_events, label, enabled, secret, created_at, webhook_version)
       VALUES (@id, @application_id, @url, @subscribed_events, @label, @enabled, @secret, @created_at, @webhook_version)`,
    );
    this.ofApp = db.prepare<[string], DestinationRow>(
      'SELECT * FROM webhook_destinations WHERE application_id = ? ORDER BY rowid',
    );
    this.deleteRow = db.prepare('DELETE FROM webhook_destinations WHERE id = ? AND application_id = ?');
    this.enabledFor = db.prepare<[string], DestinationRow>(
      'SELECT * FROM webhook_destinations WHERE application_id = ? AND enabled = 1',
    );
  }

  insert(row: DestinationRow): void {
    this.insertRow.run(row);
  }

  list(applicationId: string): DestinationRow[] {
    return this.ofApp.all(applicationId);
  }

  delete(id: string, applicationId: string): boolean {
    return this.deleteRow.run(id, applicationId).changes > 0;
  }

  /** Enabled destinations of the application subscribed to `event`. */
  subscribers(applicationId: string, event: string): DestinationRow[] {
    return this.enabledFor
      .all(applicationId)
      .filter((d) => (JSON.parse(d.subscribed_events) as string[]).includes(event));
  }
}
