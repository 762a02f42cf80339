/**
 * Crash recovery: the server is killed with SIGKILL again and again while 50 clients vote,
 * and restarted on the same database (SQLite file, or PostgreSQL) each time.
 *
 * A vote is acknowledged when it got a 201, or when its answer was lost in a kill and the
 * retry got a 409 (the first attempt was committed after all). At the end every acknowledged
 * vote is stored with its options, no voter is stored twice, every stored vote was
 * either acknowledged or sent without an answer, and the counters equal the rows.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { startFaultyEndpoint } from '../support/faulty-endpoint.mjs';
import { type ReferenceServer, startReferenceServer, temporaryDatabase } from '../support/reference-server.mjs';
import {
  countStoredVotes,
  type ErrorBody,
  FIXTURE_POLLS,
  getPoll,
  newVoter,
  ON_POSTGRES,
  type PollBody,
  queryDatabase,
  readDatabase,
  storedCounters,
  waitUntil,
} from './support.js';

/**
 * Fewer on PostgreSQL: a kill there tests the same server code (the 201 after the commit), and
 * multi-process.test.ts kills a process mid-load again; the step stays lean.
 */
const KILLS = ON_POSTGRES ? 3 : 6;
const CLIENTS = 50;
/** Votes acknowledged in one life of the server before it is killed: the kill lands mid-stream. */
const VOTES_PER_LIFE = 100;
const REQUEST_TIMEOUT_MS = 15_000;
const env = { EGOV_POLLS: FIXTURE_POLLS };

/** Both kinds of poll: one ballot is one option, or several. */
const CHOICES: readonly { pollId: string; options: string[] }[] = [
  { pollId: 'crowd', options: ['a'] },
  { pollId: 'crowd', options: ['b'] },
  { pollId: 'crowd', options: ['c'] },
  { pollId: 'crowd', options: ['d'] },
  { pollId: 'crowd-multi', options: ['x'] },
  { pollId: 'crowd-multi', options: ['x', 'z'] },
  { pollId: 'crowd-multi', options: ['x', 'y', 'z'] },
];

interface Ballot {
  pollId: string;
  voter: string;
  options: string[];
}

/** One run of the server process, from start to kill. */
interface Life {
  number: number;
  server: ReferenceServer;
  killed: boolean;
  acknowledged: number;
}

/** The current life, and a way for clients to wait for the next one after a kill. */
class Lives {
  private wake: () => void = () => {};
  private next = this.newWait();
  private closed = false;

  constructor(public current: Life) {}

  begin(life: Life): void {
    this.current = life;
    this.wakeWaiters();
  }

  /** No life follows (the run is over, or failed): waiting clients get undefined. */
  close(): void {
    this.closed = true;
    this.wakeWaiters();
  }

  /** Resolves with the first life after `number`. */
  async after(number: number): Promise<Life | undefined> {
    while (!this.closed && this.current.number <= number) await this.next;
    return this.closed ? undefined : this.current;
  }

  private wakeWaiters(): void {
    const wake = this.wake;
    this.next = this.newWait();
    wake();
  }

  private newWait(): Promise<void> {
    return new Promise((resolve) => (this.wake = resolve));
  }
}

class Outcomes {
  /** Votes acknowledged by a 201 on the first try. */
  readonly acknowledged: Ballot[] = [];
  /** Votes whose answer was lost, retried, and acknowledged by a 201 (not committed before) or a 409 (committed before). */
  readonly retried201: Ballot[] = [];
  readonly retried409: Ballot[] = [];
  /** Votes whose answer was lost and which were not retried: each may or may not be stored. */
  readonly inDoubt: Ballot[] = [];
  /** Ballots that got no answer at least once (their request was in flight, or sent, at a kill). */
  lostAnswers = 0;
  /** Anything a client saw that docs/api.md does not allow; must stay empty. */
  readonly problems: string[] = [];

  allAcknowledged(): Ballot[] {
    return [...this.acknowledged, ...this.retried201, ...this.retried409];
  }
}

async function vote(server: ReferenceServer, ballot: Ballot): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.url}/api/polls/${ballot.pollId}/votes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ options: ballot.options, voter: ballot.voter }),
    // Unreferenced timer: a hung request fails the vote instead of the whole run.
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  return { status: response.status, body: await response.json() };
}

/**
 * Casts one ballot until its fate is known. A client that `retries` sends a ballot whose
 * answer was lost again to the next life of the server, as the widget would; the others
 * give up on it, leaving it in doubt.
 */
async function cast(lives: Lives, outcomes: Outcomes, ballot: Ballot, retries: boolean): Promise<void> {
  let life = lives.current;
  let lost = false;
  for (;;) {
    let answer: { status: number; body: unknown };
    try {
      answer = await vote(life.server, ballot);
    } catch (error) {
      // Counted once per ballot, however many of its attempts were lost.
      if (!lost) outcomes.lostAnswers++;
      if (!life.killed) outcomes.problems.push(`no answer from life ${life.number}, which was not killed: ${(error as Error).message}`);
      // Like a reader, wait for the server to be back rather than hammer a dead port.
      const next = await lives.after(life.number);
      if (!retries || !next) {
        outcomes.inDoubt.push(ballot);
        return;
      }
      lost = true;
      life = next;
      continue;
    }
    const { status, body } = answer;
    if (status === 201) {
      life.acknowledged++;
      (lost ? outcomes.retried201 : outcomes.acknowledged).push(ballot);
    } else if (status === 409 && lost && (body as ErrorBody).error === 'already_voted') {
      outcomes.retried409.push(ballot);
    } else {
      outcomes.problems.push(`${status} ${JSON.stringify(body).slice(0, 200)} for ${lost ? 'a retried' : 'a new'} vote`);
    }
    return;
  }
}

interface StoredVotes {
  /** SQLite's integrity_check; undefined on PostgreSQL. */
  integrity: unknown;
  /** voter → poll and sorted options, for the crowd polls. */
  ballots: Map<string, { pollId: string; options: string[] }>;
  /** Voters stored more than once, in any table. */
  duplicates: number;
  /** Counter columns that differ from a COUNT of the rows they count. */
  counterMismatches: string[];
}

async function readStoredVotes(dbPath: string): Promise<StoredVotes> {
  // PostgreSQL checks its own pages; SQLite's file is checked here.
  const integrity = ON_POSTGRES ? undefined : readDatabase(dbPath, (db) => db.pragma('integrity_check', { simple: true }));
  const rows = await queryDatabase<{ poll_id: string; voter: string; option_id: string | null }>(
    dbPath,
    `SELECT v.poll_id, v.voter, o.option_id FROM votes v LEFT JOIN vote_options o USING (poll_id, voter)
     WHERE v.poll_id IN ('crowd', 'crowd-multi') ORDER BY v.voter, o.option_id`,
  );
  const ballots = new Map<string, { pollId: string; options: string[] }>();
  for (const row of rows) {
    const ballot = ballots.get(row.voter) ?? { pollId: row.poll_id, options: [] };
    if (row.option_id !== null) ballot.options.push(row.option_id);
    ballots.set(row.voter, ballot);
  }
  const [votes] = await queryDatabase<{ n: number }>(
    dbPath,
    'SELECT CAST(COUNT(*) AS INTEGER) AS n FROM (SELECT voter FROM votes GROUP BY voter HAVING COUNT(*) > 1) AS d',
  );
  const [options] = await queryDatabase<{ n: number }>(
    dbPath,
    'SELECT CAST(COUNT(*) AS INTEGER) AS n FROM (SELECT 1 FROM vote_options GROUP BY poll_id, voter, option_id HAVING COUNT(*) > 1) AS d',
  );
  const counterMismatches: string[] = [];
  for (const { id } of await queryDatabase<{ id: string }>(dbPath, 'SELECT id FROM polls')) {
    const [counters, counted] = [await storedCounters(dbPath, id), await countStoredVotes(dbPath, id)];
    if (counters.total !== counted.total) counterMismatches.push(`ballot counter of ${id}`);
    for (const [option, votes] of Object.entries(counters.perOption)) {
      if (votes !== (counted.perOption[option] ?? 0)) counterMismatches.push(`option counter of ${id}/${option}`);
    }
  }
  return { integrity, ballots, duplicates: votes!.n + options!.n, counterMismatches };
}

function sameOptions(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().every((option, index) => option === [...b].sort()[index]);
}

describe('crash recovery', () => {
  it(`keeps every acknowledged vote, once, through ${KILLS} SIGKILLs amid ${CLIENTS} voting clients`, async () => {
    const started = Date.now();
    const dbPath = temporaryDatabase();
    const lives = new Lives({ number: 0, server: await startReferenceServer({ env, dbPath }), killed: false, acknowledged: 0 });
    const outcomes = new Outcomes();
    let stopping = false;

    const client = async (index: number): Promise<void> => {
      // Half the clients retry a vote whose answer was lost, as the widget does; half give up on it.
      const retries = index % 2 === 0;
      for (let round = 0; !stopping; round++) {
        const choice = CHOICES[(index + round) % CHOICES.length]!;
        const ballot = { pollId: choice.pollId, voter: newVoter(), options: choice.options };
        await cast(lives, outcomes, ballot, retries);
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, index) => client(index));

    try {
      for (let kill = 1; kill <= KILLS; kill++) {
        const life = lives.current;
        await waitUntil(() => life.acknowledged >= VOTES_PER_LIFE, `life ${life.number} acknowledged ${VOTES_PER_LIFE} votes`);
        // A few milliseconds more, different each time, so that kills land at different points of a commit.
        await sleep((kill * 7) % 13);
        life.killed = true;
        assert.equal(await life.server.kill(), null, 'the server died of SIGKILL');
        const server = await startReferenceServer({ env, dbPath });
        lives.begin({ number: kill, server, killed: false, acknowledged: 0 });
      }
      const last = lives.current;
      await waitUntil(() => last.acknowledged >= VOTES_PER_LIFE, 'the last life acknowledged votes');
    } finally {
      stopping = true;
      lives.close();
      await Promise.all(clients);
    }

    const final = lives.current.server;
    const served: PollBody[] = [await getPoll(final.url, 'crowd'), await getPoll(final.url, 'crowd-multi')];
    assert.equal(await final.stop(), 0, 'the last server was healthy and stopped cleanly');
    assert.deepEqual(outcomes.problems, []);

    const stored = await readStoredVotes(dbPath);
    if (!ON_POSTGRES) assert.equal(stored.integrity, 'ok');
    const acknowledged = outcomes.allAcknowledged();
    const missing = acknowledged.filter((ballot) => {
      const row = stored.ballots.get(ballot.voter);
      return row?.pollId !== ballot.pollId || !sameOptions(row.options, ballot.options);
    });
    const sent = new Map([...acknowledged, ...outcomes.inDoubt].map((ballot) => [ballot.voter, ballot]));
    const ghosts = [...stored.ballots.keys()].filter((voter) => !sent.has(voter));
    const inDoubtStored = outcomes.inDoubt.filter((ballot) => stored.ballots.has(ballot.voter)).length;

    console.log(
      `figure: crash: ${KILLS} kills, ${acknowledged.length} acknowledged, ${acknowledged.length - missing.length} found, ` +
        `${stored.duplicates} duplicates; ${outcomes.lostAnswers} answers lost: ` +
        `${outcomes.retried201.length + outcomes.retried409.length} retried ` +
        `(${outcomes.retried409.length} already stored → 409, ${outcomes.retried201.length} not → 201), ` +
        `${outcomes.inDoubt.length} given up (${inDoubtStored} of them stored); ` +
        `${((Date.now() - started) / 1000).toFixed(1)} s`,
    );

    assert.ok(acknowledged.length >= VOTES_PER_LIFE * (KILLS + 1));
    assert.deepEqual(missing, [], 'acknowledged votes missing or altered after the kills');
    assert.equal(stored.duplicates, 0, 'a vote stored twice');
    assert.deepEqual(ghosts, [], 'stored votes nobody sent');
    assert.deepEqual(stored.counterMismatches, [], 'counters that differ from the rows');
    // What the last server answered equals the rows: every ballot counted once.
    for (const poll of served) {
      const rows = [...stored.ballots.values()].filter((ballot) => ballot.pollId === poll.id);
      assert.equal(poll.totalVotes, rows.length, `${poll.id}: totalVotes`);
      for (const option of poll.options) {
        assert.equal(option.votes, rows.filter((ballot) => ballot.options.includes(option.id)).length, `${poll.id}/${option.id}`);
      }
    }
  });

  it('acknowledges with a 409 every retried vote that was committed before its 201 was lost and the server killed', async () => {
    const dbPath = temporaryDatabase();
    const first = await startReferenceServer({ env, dbPath });
    // The faulty endpoint stands in front of the server: it forwards each ballot, the server commits
    // it and answers 201, and the endpoint cuts that answer on its way back (kind `reset`).
    const endpoint = await startFaultyEndpoint({ pollServer: first.url });
    const ballots: Ballot[] = CHOICES.map(({ pollId, options }) => ({ pollId, voter: newVoter(), options }));
    const lost: string[] = [];
    try {
      for (const ballot of ballots) {
        const response = await fetch(`${endpoint.url}/faults/poll/reset/vote/1/${ballot.voter}/polls/${ballot.pollId}/votes`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ options: ballot.options, voter: ballot.voter }),
        });
        await response.json().then(
          () => assert.fail('the answer arrived whole'),
          () => lost.push(ballot.voter),
        );
      }
    } finally {
      await endpoint.close();
    }
    assert.equal(await first.kill(), null, 'the server died of SIGKILL');
    const second = await startReferenceServer({ env, dbPath });
    const outcomes = new Outcomes();
    try {
      for (const ballot of ballots) {
        // The reader's retry, to the restarted server.
        const { status, body } = await vote(second, ballot);
        const poll = (body as ErrorBody).poll;
        if (status === 409 && (body as ErrorBody).error === 'already_voted' && poll?.id === ballot.pollId) outcomes.retried409.push(ballot);
        else outcomes.problems.push(`${status} ${JSON.stringify(body).slice(0, 200)}`);
      }
    } finally {
      assert.equal(await second.stop(), 0);
    }
    assert.deepEqual(outcomes.problems, []);
    assert.equal(lost.length, ballots.length, 'every answer was lost');
    assert.equal(outcomes.retried409.length, ballots.length);
    const stored = await readStoredVotes(dbPath);
    const found = ballots.filter((ballot) => sameOptions(stored.ballots.get(ballot.voter)?.options ?? [], ballot.options));
    assert.equal(found.length, ballots.length, 'each ballot stored with its options');
    assert.equal(stored.duplicates, 0);
    console.log(
      `figure: crash 409: ${ballots.length} votes committed, answers cut, server killed: ` +
        `${outcomes.retried409.length} retries acknowledged by 409, ${found.length} stored once`,
    );
  });
});
