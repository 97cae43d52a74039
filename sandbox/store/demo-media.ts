/**
 * The demo's undrawn media (synthetic-media-store.ts): a `media` row without bytes yet, and in `demo_media` where
 * to draw it from: its session's index in the demo plan and its key in that session. Drawing fills the bytes in and
 * forgets the `demo_media` row; deleting the medium (its last session went) deletes that row too (ON DELETE CASCADE).
 */
import type { Db } from './db.js';

export class DemoMediaStore {
  private readonly putMedia;
  private readonly putSource;
  private readonly source;
  private readonly undrawnOf;
  private readonly recordOfMedia;
  private readonly fill;
  private readonly forget;

  constructor(db: Db) {
    this.putMedia = db.prepare("INSERT OR IGNORE INTO media (sha256, content_type, bytes) VALUES (?, ?, X'')");
    this.putSource = db.prepare('INSERT OR IGNORE INTO demo_media (sha256, demo_index, media_key) VALUES (?, ?, ?)');
    this.source = db.prepare<[string], { demo_index: number }>('SELECT demo_index FROM demo_media WHERE sha256 = ?');
    this.undrawnOf = db.prepare<[number], { sha256: string; media_key: string }>(
      'SELECT sha256, media_key FROM demo_media WHERE demo_index = ?',
    );
    this.recordOfMedia = db.prepare<[string], { content_sha256: string }>(
      'SELECT content_sha256 FROM content_media WHERE media_sha256 = ? LIMIT 1',
    );
    this.fill = db.prepare('UPDATE media SET bytes = ? WHERE sha256 = ?');
    this.forget = db.prepare('DELETE FROM demo_media WHERE sha256 = ?');
  }

  /** Call inside the transaction that stores the session's record. */
  putUndrawn(id: string, contentType: string, demoIndex: number, key: string): void {
    this.putMedia.run(id, contentType);
    this.putSource.run(id, demoIndex, key);
  }

  /** The demo plan index of the session an undrawn medium belongs to; undefined once drawn (or not a demo medium). */
  undrawnIndex(id: string): number | undefined {
    return this.source.get(id)?.demo_index;
  }

  undrawnOfSession(demoIndex: number): { id: string; key: string }[] {
    return this.undrawnOf.all(demoIndex).map((r) => ({ id: r.sha256, key: r.media_key }));
  }

  /** The digest of the record that references this medium. */
  recordOf(id: string): string | undefined {
    return this.recordOfMedia.get(id)?.content_sha256;
  }

  /** Call inside a transaction. */
  draw(id: string, bytes: Uint8Array): void {
    this.fill.run(bytes, id);
    this.forget.run(id);
  }
}
