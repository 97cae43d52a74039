/**
 * Per-server secrets kept in the data dir (inside the database): the HS256 key of share tokens and the HMAC key of
 * media URLs. Created once, on the first start.
 */
import { randomBytes } from 'node:crypto';
import { readMeta, writeMeta, type Db } from './db.js';

export interface ServerSecrets {
  shareTokenKey: Uint8Array<ArrayBuffer>;
  mediaUrlKey: Buffer;
}

function secret(db: Db, name: string): Buffer {
  const existing = readMeta(db, name);
  if (existing) return Buffer.from(existing, 'hex');
  const fresh = randomBytes(32);
  writeMeta(db, name, fresh.toString('hex'));
  return fresh;
}

export function loadServerSecrets(db: Db): ServerSecrets {
  return db.transaction(() => ({
    shareTokenKey: new Uint8Array(secret(db, 'share_token_key')),
    mediaUrlKey: secret(db, 'media_url_key'),
  }))();
}
