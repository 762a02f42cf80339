/**
 * Group commit: votes that arrive together are stored by one transaction, each still answered
 * as if it had come alone, and a batch that fails is refused whole. On the storage the suite
 * runs on (SQLite, or PostgreSQL with `npm test -- server-pg`), built in process.
 *
 * Transactions are counted by the database, not by the server: on SQLite by the frames the
 * write-ahead log grew by (every commit appends at least one), on PostgreSQL by the transaction
 * ids consumed (every transaction that writes takes one).
 */
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import type { Ballot, VoteOutcome } from '../../server/storage/storage.js';
import { buildTestApp } from './admin-support.js';
import { assertCountsEqualRows, countStoredVotes, newVoter, ON_POSTGRES, queryDatabase } from './support.js';

let app: FastifyInstance;
let dbPath: string;

before(async () => {
  ({ app, dbPath } = await buildTestApp());
});

after(async () => {
  await app.close();
});

/** Write transactions the database committed while `work` ran (at least; see the file's comment). */
async function transactionsDuring(work: () => Promise<void>): Promise<number> {
  if (ON_POSTGRES) {
    const xid = async (): Promise<number> =>
      Number((await queryDatabase<{ xid: string }>(dbPath, 'SELECT pg_current_xact_id()::text AS xid'))[0]!.xid);
    const first = await xid();
    await work();
    // Minus the transaction that read the second id.
    return (await xid()) - first - 1;
  }
  // An empty log first; the storage's 4 KB pages each take a 24-byte frame header in it.
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  await work();
  return Math.floor(statSync(`${dbPath}-wal`).size / (4096 + 24));
}

function vote(pollId: string, optionIds: string[], voter = newVoter()): Ballot {
  return { pollId, voter, optionIds };
}

/** Every ballot handed to storage in one turn of the event loop, as concurrent requests are. */
async function castTogether(ballots: readonly Ballot[]): Promise<VoteOutcome[]> {
  const results = await Promise.all(ballots.map((ballot) => app.storage.castVote(ballot)));
  return results.map((result) => result.outcome);
}


describe('group commit', () => {
  it('stores 200 concurrent votes in fewer transactions than votes, each counted once', async () => {
    const ballots = Array.from({ length: 200 }, (_, index) => vote('crowd', [['a', 'b', 'c', 'd'][index % 4]!]));
    const before = await countStoredVotes(dbPath, 'crowd');
    let outcomes: VoteOutcome[] = [];
    const transactions = await transactionsDuring(async () => {
      outcomes = await castTogether(ballots);
    });
    assert.deepEqual(new Set(outcomes), new Set(['counted']));
    assert.equal((await countStoredVotes(dbPath, 'crowd')).total, before.total + 200);
    // One vote per transaction would take at least 200 (transactions, or frames of the log).
    assert.ok(transactions >= 1 && transactions < ballots.length / 2, `200 votes took ${transactions}`);
    await assertCountsEqualRows(dbPath, 'crowd');
  });

  it('answers each vote of one batch as if it came alone, and counts only those it stores', async () => {
    const earlier = vote('multi', ['x']);
    assert.deepEqual(await castTogether([earlier]), ['counted']);
    const twice = newVoter();
    const before = { crowd: await countStoredVotes(dbPath, 'crowd'), multi: await countStoredVotes(dbPath, 'multi') };
    const batch: [Ballot, VoteOutcome][] = [
      [vote('crowd', ['a']), 'counted'],
      [vote('crowd', ['a'], twice), 'counted'],
      [vote('crowd', ['b'], twice), 'already_voted'],
      [vote('multi', ['y', 'z'], earlier.voter), 'already_voted'],
      [vote('multi', ['x', 'z']), 'counted'],
      [vote('crowd', ['e']), 'unknown_option'],
      [vote('crowd', ['a', 'b']), 'too_many_options'],
      [vote('closed-by-hand', ['a']), 'closed'],
      [vote('closed-by-date', ['a']), 'closed'],
      [vote('no-such-poll', ['a']), 'not_found'],
      [vote('multi', ['y']), 'counted'],
    ];
    const results = await Promise.all(batch.map(([ballot]) => app.storage.castVote(ballot)));
    assert.deepEqual(
      results.map((result) => result.outcome),
      batch.map(([, outcome]) => outcome),
    );
    const after = { crowd: await countStoredVotes(dbPath, 'crowd'), multi: await countStoredVotes(dbPath, 'multi') };
    assert.equal(after.crowd.total, before.crowd.total + 2);
    assert.equal(after.crowd.perOption.a, (before.crowd.perOption.a ?? 0) + 2);
    assert.equal(after.crowd.perOption.b, before.crowd.perOption.b);
    assert.equal(after.multi.total, before.multi.total + 2);
    assert.deepEqual(
      ['x', 'y', 'z'].map((option) => after.multi.perOption[option]! - (before.multi.perOption[option] ?? 0)),
      [1, 1, 1],
    );
    // Every vote of a poll is answered with the same results, which include the whole batch.
    const crowdResults = results.filter((_, index) => batch[index]![0].pollId === 'crowd').map((result) => result.poll);
    for (const poll of crowdResults) assert.deepEqual(poll, crowdResults[0]);
    assert.equal(crowdResults[0]!.totalVotes, after.crowd.total);
    assert.equal(results[9]!.poll, undefined);
    await assertCountsEqualRows(dbPath, 'crowd');
    await assertCountsEqualRows(dbPath, 'multi');
  });

  it('refuses every vote of a batch that fails, stores none of them, and goes on with the next', async () => {
    const poisoned = newVoter();
    await poisonVoter(poisoned);
    try {
      const before = await countStoredVotes(dbPath, 'stream');
      const voters = [newVoter(), poisoned, newVoter()];
      const answers = await Promise.all(
        voters.map((voter) =>
          app.inject({ method: 'POST', url: '/api/polls/stream/votes', payload: { options: ['a'], voter } }),
        ),
      );
      assert.deepEqual(
        answers.map((answer) => [answer.statusCode, answer.json<{ error: string }>().error]),
        voters.map(() => [500, 'internal']),
      );
      assert.deepEqual(await countStoredVotes(dbPath, 'stream'), before);
      // The same voters again, without the poisoned one: a new batch, stored.
      const retried = await castTogether([vote('stream', ['a'], voters[0]), vote('stream', ['b'], voters[2])]);
      assert.deepEqual(retried, ['counted', 'counted']);
      await assertCountsEqualRows(dbPath, 'stream');
    } finally {
      await curePoison();
    }
  });
});

describe('a vote racing the removal of its option', () => {
  const options = (...ids: string[]): { id: string; label: string }[] => ids.map((id) => ({ id, label: id.toUpperCase() }));

  const TURNS = 8;
  const MICROTASKS = 24;
  const ROUNDS = TURNS * MICROTASKS;

  /**
   * The removal starts at another moment of the vote's way through the server each round: after
   * some turns of the event loop, then some microtasks (the vote's awaits between reading the
   * poll and storing the ballot are microtasks apart).
   */
  async function waitTurns(round: number): Promise<void> {
    for (let turn = 0; turn < Math.floor(round / MICROTASKS); turn++) await new Promise((resolve) => setImmediate(resolve));
    for (let tick = 0; tick < round % MICROTASKS; tick++) await Promise.resolve();
  }

  /** Rounds of one vote and one removal of its option, started a little apart each time. */
  async function race(raced: FastifyInstance, racedDb: string, label: string): Promise<void> {
    const seen = { counted: 0, refused: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const pollId = `race-${round}`;
      const audit = { at: new Date().toISOString(), actor: 'test', action: 'create' as const, pollId, detail: null };
      const poll = { id: pollId, question: 'Chọn gì?', multiple: false, closesAt: null, closed: false, options: options('a', 'b', 'c') };
      assert.equal(await raced.storage.createPoll(poll, audit), 'created');
      const voting = raced.inject({ method: 'POST', url: `/api/polls/${pollId}/votes`, payload: { options: ['b'], voter: newVoter() } });
      await waitTurns(round);
      const removal = raced.storage.updatePoll(pollId, { options: options('a', 'c') }, [{ ...audit, action: 'update' }]);
      const [answer, update] = await Promise.all([voting, removal]);
      if (answer.statusCode === 201) {
        assert.deepEqual(update, { outcome: 'option_has_votes', optionId: 'b' });
        seen.counted++;
      } else {
        assert.deepEqual([answer.statusCode, answer.json<{ error: string }>().error], [400, 'unknown_option']);
        assert.deepEqual(update, { outcome: 'saved' });
        seen.refused++;
      }
      const rows = await countStoredVotes(racedDb, pollId);
      assert.deepEqual(rows.total, answer.statusCode === 201 ? 1 : 0);
    }
    console.log(`figure: option removal race (${label}): ${seen.refused} votes refused as unknown_option, ${seen.counted} counted (removal refused)`);
    assert.ok(seen.refused > 0, 'a removal that comes first refuses the vote');
  }

  it('is refused as an unknown option (400), never a 500; or counted, and then the removal is refused', async () => {
    await race(app, dbPath, 'no rate limit');
  });

  it('is answered the same when the rate limit checks the vote before storage does', async () => {
    const limited = await buildTestApp({ EGOV_RATE_LIMIT: '1000000' });
    try {
      await race(limited.app, limited.dbPath, 'rate limit on');
    } finally {
      await limited.app.close();
    }
  });
});

/** A trigger in the database that makes any transaction storing this voter fail. */
async function poisonVoter(voter: string): Promise<void> {
  if (ON_POSTGRES) {
    await queryDatabase(
      dbPath,
      `CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN IF NEW.voter = '${voter}' THEN RAISE EXCEPTION 'poisoned ballot'; END IF; RETURN NEW; END $$;
       CREATE TRIGGER poison BEFORE INSERT ON votes FOR EACH ROW EXECUTE FUNCTION poison();`,
    );
    return;
  }
  await queryDatabase(
    dbPath,
    `CREATE TRIGGER poison BEFORE INSERT ON votes WHEN NEW.voter = '${voter}' BEGIN SELECT RAISE(ABORT, 'poisoned ballot'); END`,
  );
}

async function curePoison(): Promise<void> {
  await queryDatabase(dbPath, ON_POSTGRES ? 'DROP TRIGGER poison ON votes; DROP FUNCTION poison();' : 'DROP TRIGGER poison');
}
