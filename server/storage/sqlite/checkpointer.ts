/**
 * WAL checkpoints apart from the votes' commits.
 *
 * A commit appends the changed pages to the write-ahead log; a checkpoint copies them into the
 * database file and syncs it. SQLite's default makes the connection that commits checkpoint
 * whenever the log passes 1,000 pages, inside that commit. Votes are keyed by random UUIDs, so
 * a batch of 50 changes ~140 pages (index leaves all over the file): one commit in seven paid a
 * checkpoint of ~1,000 pages, about twice a commit's own time, with the event loop blocked
 * meanwhile (better-sqlite3 is synchronous): a slow tail of commits, hence of POST latency.
 *
 * Here a worker thread with a connection of its own checkpoints (PASSIVE: it never blocks the
 * committing connection, and copies only what is committed) while the event loop goes on: once
 * `CHECKPOINT_DELAY_MS` after a committed batch, so that under a flood one checkpoint serves the
 * batches of that time. Each checkpoint copies a page once however many commits changed it, and
 * every batch changes the same few (the counters, the tables' last pages): checkpointing after
 * each batch copied and synced them a hundred times a second, and the file's syncs slowed the
 * log's. With the delay the server took 15–25 % more votes a second, with a lower median
 * latency (4 rounds of 3 s at 50 connections, delay 0 against 100, 250 and 1,000 ms).
 * Durability is SQLite's own: the log is synced at every commit (synchronous = FULL), a
 * checkpoint syncs the file before the log is reused. The log is reused
 * from its start only when a checkpoint has caught up with it, which a steady flood of commits
 * can delay, so the committing connection still checkpoints by itself past WAL_BOUND_PAGES (by
 * then only the last few commits' pages are left to copy): the log stays bounded. Should the
 * worker fail, checkpoints go back to the commits (SQLite's default) and the server says so.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './db.js';
import { say } from '../../say.js';

/** Log pages (4 KB) past which the committing connection checkpoints by itself: ~32 MB. */
export const WAL_BOUND_PAGES = 8000;
/** How long after a committed batch the worker checkpoints (the batches committed meanwhile with it). */
const CHECKPOINT_DELAY_MS = 100;
/** SQLite's default, back in force if the worker fails. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

/**
 * The worker's code, plain JavaScript handed to the Worker as a string: a worker file would need
 * TypeScript (tsx) in development and its compiled copy in production, and this is SQL only.
 * Requests that arrive before a checkpoint are served by it; those during it, by one more after it.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = FULL');
let scheduled = false;
parentPort.on('message', () => {
  if (scheduled) return;
  scheduled = true;
  setTimeout(() => {
    scheduled = false;
    db.pragma('wal_checkpoint(PASSIVE)');
  }, workerData.delayMs);
});
`;

export class Checkpointer {
  private readonly worker: Worker;
  private working = true;
  private readonly failureListeners: ((autocheckpointPages: number) => void)[] = [];

  /** Starts the worker on `db`'s file and hands the commits' own checkpoints over to it. */
  constructor(private readonly db: Db) {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), file: db.name, delayMs: CHECKPOINT_DELAY_MS },
    });
    // Never what keeps the process alive: a storage left open must not hang its process.
    this.worker.unref();
    this.worker.once('error', (error) => {
      this.working = false;
      if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
      for (const listener of this.failureListeners) listener(DEFAULT_AUTOCHECKPOINT_PAGES);
      say(`the checkpoint thread failed (${error.message}); commits checkpoint again`);
    });
    db.pragma(`wal_autocheckpoint = ${WAL_BOUND_PAGES}`);
  }

  /**
   * `wal_autocheckpoint` for another connection of the server that commits (the commit thread's):
   * the bound while this thread checkpoints, SQLite's default once it has failed.
   */
  get autocheckpointPages(): number {
    return this.working ? WAL_BOUND_PAGES : DEFAULT_AUTOCHECKPOINT_PAGES;
  }

  /** Called with SQLite's default should this thread fail: commits checkpoint again. */
  onFailure(listener: (autocheckpointPages: number) => void): void {
    this.failureListeners.push(listener);
  }

  /** Asks for a checkpoint of what has been committed so far; returns at once. */
  request(): void {
    if (this.working) this.worker.postMessage('checkpoint');
  }

  /**
   * Ends the thread without waiting for it: a thread's teardown can take hundreds of
   * milliseconds on a busy machine, and a stop (SIGTERM, Ctrl-C) must not. Nothing is lost if it
   * is cut short, even mid-checkpoint: every commit is in the synced log, which stays the truth
   * until a checkpoint has completed (SQLite's crash safety); the next open finishes the work.
   */
  close(): void {
    if (!this.working) return;
    this.working = false;
    void this.worker.terminate();
  }
}
