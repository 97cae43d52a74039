/** `CacheStore` over one SQLCipher database: the table groups' methods joined, every SQLite failure made readable. */
import type Database from 'better-sqlite3-multiple-ciphers';
import { auditMethods } from './audit-log.js';
import type { CacheStore } from './cache-api.js';
import { decisionMethods } from './decisions.js';
import { dispositionMethods } from './dispositions.js';
import { startCheckpointer, type Checkpointer } from './checkpointer.js';
import { asStorageError } from './errors.js';
import { issuedSessionMethods } from './issued-sessions.js';
import { noteMethods } from './notes.js';
import { openDatabase, type DatabaseFileOptions } from './open-database.js';
import { proposalMethods } from './proposals.js';
import { provenanceMethods } from './provenance.js';
import { recordMethods } from './records.js';
import { sessionMethods } from './sessions.js';

function storeOver(db: Database.Database, checkpointer: Checkpointer): CacheStore {
  return {
    close() {
      checkpointer.stop();
      if (db.open) db.close();
    },
    integrityCheck() {
      try {
        return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
      } catch (err) {
        return [err instanceof Error ? err.message : String(err)];
      }
    },
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
    ...recordMethods(db),
    ...sessionMethods(db),
    ...issuedSessionMethods(db),
    ...decisionMethods(db),
    ...noteMethods(db),
    ...auditMethods(db),
    ...dispositionMethods(db),
    ...provenanceMethods(db),
    ...proposalMethods(db),
  };
}

/** Every method throws ReviewerErrors for storage failures (damage, closed database, missing parent rows). */
function guarded<T extends object>(target: T): T {
  const wrapped = {} as Record<string, unknown>;
  for (const [name, value] of Object.entries(target)) {
    wrapped[name] =
      typeof value === 'function'
        ? (...args: unknown[]) => {
            try {
              return (value as (...a: unknown[]) => unknown)(...args);
            } catch (err) {
              throw asStorageError(err);
            }
          }
        : value;
  }
  return wrapped as T;
}

/**
 * One cache database file with a known key. Profiles use `openProfileCache`; this is also the benchmarks' way to
 * compare an encrypted file with a plain one.
 */
export function openCacheFile(options: DatabaseFileOptions): CacheStore {
  const db = openDatabase(options);
  const checkpointer = startCheckpointer(db, { file: options.file, key: options.encrypted ? options.key : null });
  try {
    return guarded(storeOver(db, checkpointer));
  } catch (err) {
    checkpointer.stop();
    db.close();
    throw asStorageError(err);
  }
}
