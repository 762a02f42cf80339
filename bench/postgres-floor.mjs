// Row 6's storage floor, in a process of its own: the PostgreSQL storage of the server
// (server/storage/postgres/, its schema, its pool of 10 connections and its one-statement vote)
// driven by a bare loop per connection, as many loops as the pool has connections. No HTTP, no
// validation: what PostgreSQL alone costs one server process.
// `node --import tsx bench/postgres-floor.mjs '<json options>'`; options: {url, pollsFile, pollId,
// optionId, seconds}. Prints {operations, perSecond, p50, p99} (milliseconds).
import { randomUUID } from 'node:crypto';
import { readPollFile } from '../server/storage/poll-file.ts';
import { POOL_SIZE } from '../server/storage/postgres/db.ts';
import { PostgresPollStorage } from '../server/storage/postgres/poll-store.ts';

const { url, pollsFile, pollId, optionId, seconds } = JSON.parse(process.argv[2]);

const store = await PostgresPollStorage.open(url);
await store.importPolls(readPollFile(pollsFile));

const latencies = [];
const began = process.hrtime.bigint();
const deadline = began + BigInt(Math.round(seconds * 1e9));

async function loop() {
  while (process.hrtime.bigint() < deadline) {
    const before = process.hrtime.bigint();
    const outcome = await store.castVote(pollId, randomUUID(), [optionId]);
    if (outcome !== 'counted') throw new Error(`a new voter was not counted: ${outcome}`);
    latencies.push(Number(process.hrtime.bigint() - before) / 1e6);
  }
}

await Promise.all(Array.from({ length: POOL_SIZE }, loop));
const elapsed = Number(process.hrtime.bigint() - began) / 1e9;
await store.close();
latencies.sort((a, b) => a - b);
const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
process.stdout.write(JSON.stringify({ operations: latencies.length, perSecond: latencies.length / elapsed, p50: at(0.5), p99: at(0.99) }));
