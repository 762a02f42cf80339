/**
 * The commit thread's code (commit-thread.ts): a connection of its own to the database, and
 * each batch of ballots committed by the storage's own synchronous code, in arrival order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CommitReply, CommitRequest, CommitThreadOptions } from './commit-thread.js';
import { connectDatabase } from './db.js';
import { SqlitePollStorage } from './poll-store.js';

const port = parentPort!;
const { file, autocheckpointPages } = workerData as CommitThreadOptions;
const db = connectDatabase(file);
db.pragma(`wal_autocheckpoint = ${autocheckpointPages}`);
const store = new SqlitePollStorage(db);

const reply = (message: CommitReply): void => port.postMessage(message);

port.on('message', (request: CommitRequest) => {
  switch (request.kind) {
    case 'commit':
      try {
        reply({ kind: 'committed', results: store.commitNow(request.ballots) });
      } catch (error) {
        reply({ kind: 'failed', message: (error as Error).message, code: (error as { code?: string }).code });
      }
      return;
    case 'autocheckpoint':
      db.pragma(`wal_autocheckpoint = ${request.pages}`);
      return;
    case 'close':
      // The thread ends once its port is closed.
      db.close();
      port.close();
      return;
  }
});
