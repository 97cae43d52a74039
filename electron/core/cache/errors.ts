import { ReviewerError } from '../../../shared/reviewer-errors.js';

export const CORRUPT_MESSAGE =
  'The local database is damaged and cannot be read. Restore the profile folder from a backup, or wipe the profile ' +
  'and sync again from the server (decisions not yet sent would be lost).';
export const KEY_INVALID_MESSAGE =
  'The local database cannot be opened with the key from the keychain (the key is wrong or missing). If the keychain ' +
  'was reset or the profile copied from another machine, restore the keychain entry, or wipe the profile and sync again.';

function sqliteCode(err: unknown): string | null {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
}

/** SQLite's way of saying the bytes on disk are not a readable database (or not with this key). */
export function isUnreadableDatabase(err: unknown): boolean {
  const code = sqliteCode(err);
  return code !== null && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

/** SQLite failures a caller can act on, as ReviewerErrors instead of crashes. Everything else passes through. */
export function asStorageError(err: unknown): unknown {
  if (err instanceof ReviewerError) return err;
  if (isUnreadableDatabase(err)) return new ReviewerError('database_corrupt', CORRUPT_MESSAGE);
  if (sqliteCode(err) === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return new ReviewerError('not_found', 'The session or connection this refers to is not in the local cache.');
  }
  if (err instanceof TypeError && /database connection is not open/i.test(err.message)) {
    return new ReviewerError('internal', 'The local database is closed.');
  }
  if (sqliteCode(err) === 'SQLITE_FULL') {
    return new ReviewerError(
      'internal',
      'The disk is full: the local database cannot grow. Free some space and retry.',
    );
  }
  return err;
}
