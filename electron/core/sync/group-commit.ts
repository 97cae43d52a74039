/**
 * Group commit for a bulk sync: the writes of sessions whose downloads finish close together go into one
 * transaction, each in a savepoint of its own. A commit writes every page it touched (the session, its media, the
 * queue's indexes and both search indexes), and in an encrypted cache each page is encrypted and authenticated on
 * the engine's thread; one commit for several sessions writes the shared index and search pages once instead of once
 * per session: about a sixth less CPU time per session in an encrypted cache. A write that throws rolls back its
 * own savepoint only and rejects its own promise; a failed commit rejects every write of the batch.
 */
export type GroupCommit = (write: () => void) => Promise<void>;

interface Pending {
  write: () => void;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** The longest a write waits for others to join its batch. */
const MAX_WAIT_MS = 20;

/**
 * `transaction` runs a function in a transaction, or in a savepoint when one is open (better-sqlite3's nesting).
 * A batch commits once `batchSize` writes are queued, or MAX_WAIT_MS after its first write.
 */
export function groupCommit(transaction: <T>(fn: () => T) => T, batchSize: number): GroupCommit {
  let queued: Pending[] = [];
  const flush = () => {
    const batch = queued;
    queued = [];
    const failures = new Map<Pending, unknown>();
    try {
      transaction(() => {
        for (const item of batch) {
          try {
            transaction(item.write);
          } catch (err) {
            failures.set(item, err);
          }
        }
      });
    } catch (err) {
      for (const item of batch) item.reject(err);
      return;
    }
    for (const item of batch) {
      if (failures.has(item)) item.reject(failures.get(item));
      else item.resolve();
    }
  };
  let timer: NodeJS.Timeout | null = null;
  const flushNow = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    flush();
  };
  return (write) =>
    new Promise<void>((resolve, reject) => {
      queued.push({ write, resolve, reject });
      if (queued.length >= batchSize) flushNow();
      else timer ??= setTimeout(flushNow, MAX_WAIT_MS);
    });
}
