/**
 * The votes' commits on a thread of their own.
 *
 * better-sqlite3 is synchronous: a batch committed on the event loop's thread keeps it blocked
 * for the whole transaction and its fsync (synchronous = FULL), and while it is, no request is
 * read nor answered, so the next batch only starts gathering once this one is on disk. Under a
 * flood of votes that wait was most of a vote's latency.
 *
 * Here a worker thread (commit-worker.ts) with a connection of its own runs each batch's whole
 * write transaction: the same code as on the main thread (SqlitePollStorage.commitNow), so the
 * ballot rules are decided inside the IMMEDIATE transaction that stores the ballots, exactly as
 * before; the results it sends back are read after the commit. Meanwhile the event loop reads,
 * judges nothing, answers reads and gathers the next batch. One batch at a time (the caller's
 * group commit has one in flight): SQLite has one writer anyway.
 *
 * Should the thread fail to start or die, the batch it held rejects (its votes were not
 * acknowledged; a transaction cut short is rolled back by SQLite) and the storage commits on the
 * main thread again, as before, and says so.
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Ballot, VoteResult } from '../storage.js';
import { say } from '../../say.js';

/** What the main thread asks of the worker. */
export type CommitRequest =
  | { kind: 'commit'; ballots: readonly Ballot[] }
  | { kind: 'autocheckpoint'; pages: number }
  | { kind: 'close' };

/** What the worker answers: one reply per `commit`, in order. */
export type CommitReply =
  | { kind: 'committed'; results: VoteResult[] }
  | { kind: 'failed'; message: string; code: string | undefined };

export interface CommitThreadOptions {
  /** The database file, already opened and migrated by `openDatabase`. */
  file: string;
  /** `wal_autocheckpoint` of the worker's connection (see checkpointer.ts). */
  autocheckpointPages: number;
}

interface Waiting {
  resolve: (results: VoteResult[]) => void;
  reject: (error: Error) => void;
}

/** The worker's module: TypeScript through tsx in development, its compiled copy in production. */
const WORKER_URL = new URL(`./commit-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

/**
 * Node 20 does not hand the main thread's `--import tsx` on to a worker: in development (the
 * TypeScript sources) the worker registers tsx's hooks itself before loading its module.
 */
const TYPESCRIPT_BOOT = `
const { workerData } = require('node:worker_threads');
import(workerData.tsx).then((tsx) => {
  tsx.register();
  return import(workerData.module);
});
`;

function startWorker(options: CommitThreadOptions): Worker {
  if (!WORKER_URL.pathname.endsWith('.ts')) return new Worker(WORKER_URL, { workerData: options });
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(TYPESCRIPT_BOOT, { eval: true, workerData: { ...options, tsx, module: WORKER_URL.href } });
}

export class CommitThread {
  private readonly worker: Worker;
  private waiting: Waiting[] = [];
  private alive = true;

  constructor(options: CommitThreadOptions) {
    this.worker = startWorker(options);
    // Kept alive only while a batch is in flight: an idle storage must not hold its process.
    this.worker.unref();
    this.worker.on('message', (reply: CommitReply) => this.receive(reply));
    this.worker.once('error', (error) => this.fail(error));
    this.worker.once('exit', (code) => this.fail(new Error(`the commit thread exited (code ${code})`)));
  }

  /** False once the thread has failed or closed: the caller commits on its own thread. */
  get working(): boolean {
    return this.alive;
  }

  /** Runs the batch's transaction on the thread; resolves once it has committed. */
  commit(ballots: readonly Ballot[]): Promise<VoteResult[]> {
    return new Promise((resolve, reject) => {
      if (!this.alive) {
        reject(new Error('the commit thread has stopped'));
        return;
      }
      if (this.waiting.length === 0) this.worker.ref();
      this.waiting.push({ resolve, reject });
      this.send({ kind: 'commit', ballots });
    });
  }

  setAutocheckpoint(pages: number): void {
    if (this.alive) this.send({ kind: 'autocheckpoint', pages });
  }

  /**
   * Asks the thread to close its connection and end, without waiting for it: a stop (SIGTERM,
   * Ctrl-C) must not wait for a thread, whose teardown can take hundreds of milliseconds on a
   * busy machine. Called once every batch has its answer (the caller drains first), so nothing
   * is left to lose: should the process end first, every commit is in the synced log.
   */
  close(): void {
    if (!this.alive) return;
    this.alive = false;
    this.send({ kind: 'close' });
    this.worker.unref();
  }

  private send(request: CommitRequest): void {
    this.worker.postMessage(request);
  }

  private receive(reply: CommitReply): void {
    const waiting = this.waiting.shift();
    if (this.waiting.length === 0) this.worker.unref();
    if (!waiting) return;
    if (reply.kind === 'committed') waiting.resolve(reply.results);
    else waiting.reject(Object.assign(new Error(reply.message), { code: reply.code }));
  }

  private fail(error: Error): void {
    if (!this.alive) return;
    this.alive = false;
    for (const waiting of this.waiting.splice(0)) waiting.reject(error);
    say(`the commit thread failed (${error.message}); votes are committed on the main thread again`);
  }
}
