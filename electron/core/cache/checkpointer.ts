/**
 * WAL checkpoints on a worker thread. In an encrypted database a checkpoint decrypts every page from the WAL and
 * encrypts it again into the main file; done by SQLite's auto-checkpoint it runs on the engine's own thread after
 * every ~4 MB written, and during a bulk sync that is about half the time spent. A worker with its own connection
 * does passive checkpoints on the other core instead. The main connection's auto-checkpoint is switched off only once
 * the worker has opened the database, and switched back on if the worker fails or dies, so a checkpoint never stops
 * happening (e.g. where the driver cannot load in a worker).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3-multiple-ciphers';
import { attachMediaSql } from './media-store.js';

const CHECKPOINT_INTERVAL_MS = 100;
const STOP_WAIT_MS = 5_000;
const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;

// Plain CommonJS, evaluated in the worker, so it needs no build step of its own. Slot 0: stop request; slot 1: done.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { driver, file, key, attachMedia, intervalMs, signals } = workerData;
const flags = new Int32Array(signals);
const Database = require(driver);
const db = new Database(file);
try {
  if (key) {
    db.pragma("cipher = 'sqlcipher'");
    db.pragma('legacy = 4');
    db.pragma('key = "x\\'' + key + '\\'"');
  }
  for (const { sql, params } of attachMedia) db.prepare(sql).run(...params);
  db.pragma('busy_timeout = 5000');
  db.pragma('wal_autocheckpoint = 0');
  parentPort.postMessage('ready');
  for (;;) {
    Atomics.wait(flags, 0, 0, intervalMs);
    if (Atomics.load(flags, 0) !== 0) break;
    // No schema name: the cache and its media file both.
    db.pragma('wal_checkpoint(PASSIVE)');
  }
} finally {
  db.close();
  Atomics.store(flags, 1, 1);
  Atomics.notify(flags, 1);
}
`;

export interface Checkpointer {
  /** Stops the worker and waits (briefly) for its connection to close, so the caller's close is the last one. */
  stop(): void;
}

export function startCheckpointer(db: Database.Database, options: { file: string; key: string | null }): Checkpointer {
  const signals = new SharedArrayBuffer(8);
  const flags = new Int32Array(signals);
  const restoreAutoCheckpoint = () => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
  };
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers'),
      file: options.file,
      key: options.key,
      attachMedia: attachMediaSql({ cacheFile: options.file, cacheKey: options.key }),
      intervalMs: CHECKPOINT_INTERVAL_MS,
      signals,
    },
  });
  let stopping = false;
  worker.on('message', (message) => {
    if (message === 'ready' && !stopping && db.open) db.pragma('wal_autocheckpoint = 0');
  });
  // A worker that cannot load the driver or dies hands checkpoints back to the main connection.
  worker.on('error', restoreAutoCheckpoint);
  worker.on('exit', () => {
    if (!stopping) restoreAutoCheckpoint();
  });
  worker.unref();
  return {
    stop() {
      if (stopping) return;
      stopping = true;
      restoreAutoCheckpoint();
      Atomics.store(flags, 0, 1);
      Atomics.notify(flags, 0);
      Atomics.wait(flags, 1, 0, STOP_WAIT_MS);
      void worker.terminate();
    },
  };
}
