/**
 * Many server processes, one PostgreSQL: two real server processes on one database behave as
 * one server. Voters spread over both are each counted once, also when the same voter reaches
 * both at the same instant; one process killed with SIGKILL mid-load and replaced, three times
 * over, loses no acknowledged vote and doubles none; the counters equal the stored rows throughout; the rate limit counts a
 * client's votes on both processes together; an editor's session works on both.
 * Runs in `npm test -- server-pg` only.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type ReferenceServer, startReferenceServer, temporaryDatabase } from '../support/reference-server.mjs';
import {
  countStoredVotes,
  FIXTURE_POLLS,
  getPoll,
  newVoter,
  ON_POSTGRES,
  optionCounts,
  postVote,
  queryDatabase,
  storedCounters,
  waitUntil,
} from './support.js';

const needsPostgres = ON_POSTGRES ? {} : { skip: 'needs PostgreSQL: npm test -- server-pg' };
const env = { EGOV_POLLS: FIXTURE_POLLS };
/** Processes killed with SIGKILL one after the other under load, and the votes acknowledged before each kill and after the last. */
const KILLS = 3;
const VOTES_BETWEEN_KILLS = 150;

/** Sends one ballot and returns the status, or 0 when no answer came (the process died). */
async function vote(server: ReferenceServer, pollId: string, voter: string, options: string[]): Promise<number> {
  try {
    const response = await postVote(server.url, pollId, { options, voter });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

function tally(ballots: Iterable<string[]>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const ballot of ballots) for (const option of ballot) counts[option] = (counts[option] ?? 0) + 1;
  return counts;
}

/** The counts a server answers, the counters it keeps and the rows must all be one. */
async function assertCountsEqualRows(servers: ReferenceServer[], dbPath: string, pollId: string): Promise<number> {
  const rows = await countStoredVotes(dbPath, pollId);
  assert.deepEqual(await storedCounters(dbPath, pollId), { total: rows.total, perOption: withZeros(rows.perOption, pollId) });
  for (const server of servers) {
    const poll = await getPoll(server.url, pollId);
    assert.equal(poll.totalVotes, rows.total, `${server.url}: totalVotes`);
    assert.deepEqual(optionCounts(poll), rows.perOption, `${server.url}: option votes`);
  }
  return rows.total;
}

const FIXTURE_OPTIONS: Record<string, string[]> = { crowd: ['a', 'b', 'c', 'd'], 'crowd-multi': ['x', 'y', 'z'] };

function withZeros(perOption: Record<string, number>, pollId: string): Record<string, number> {
  return Object.fromEntries(FIXTURE_OPTIONS[pollId]!.map((option) => [option, perOption[option] ?? 0]));
}

describe('two server processes on one PostgreSQL', needsPostgres, () => {
  let dbPath: string;
  const servers: ReferenceServer[] = [];

  before(async () => {
    dbPath = temporaryDatabase();
    // One after the other, so that a failed start leaves nothing running (after() stops what started).
    servers.push(await startReferenceServer({ env, dbPath }));
    servers.push(await startReferenceServer({ env, dbPath }));
  });

  after(async () => {
    await Promise.all(servers.map((server) => server.stop()));
  });

  it('counts 500 concurrent voters spread over both exactly, and a voter sent to both at once once', async () => {
    const subsets = [['x'], ['y'], ['z'], ['x', 'y'], ['x', 'z'], ['y', 'z'], ['x', 'y', 'z']];
    const ballots = Array.from({ length: 500 }, (_, index) => ({ voter: newVoter(), options: subsets[index % subsets.length]! }));
    // 50 of them are sent to both processes at the same instant, with different choices.
    const twins = ballots.slice(0, 50);
    const [singles, pairs] = await Promise.all([
      Promise.all(ballots.map((ballot, index) => vote(servers[index % 2]!, 'crowd-multi', ballot.voter, ballot.options))),
      Promise.all(
        twins.map((ballot) =>
          Promise.all([vote(servers[1]!, 'crowd-multi', ballot.voter, ballot.options), vote(servers[0]!, 'crowd-multi', ballot.voter, ['z'])]),
        ),
      ),
    ]);

    // Each twin was sent three times in all: exactly one 201, two 409s, whichever process won.
    for (const [index, ballot] of twins.entries()) {
      const statuses = [singles[index]!, ...pairs[index]!].sort();
      assert.deepEqual(statuses, [201, 409, 409], `voter ${ballot.voter}`);
    }
    assert.deepEqual(new Set(singles.slice(twins.length)), new Set([201]), 'every other voter is acknowledged');

    const stored = await queryDatabase<{ voter: string; option_id: string }>(
      dbPath,
      "SELECT voter, option_id FROM vote_options WHERE poll_id = 'crowd-multi' ORDER BY option_id",
    );
    const storedBallots = new Map<string, string[]>();
    for (const row of stored) storedBallots.set(row.voter, [...(storedBallots.get(row.voter) ?? []), row.option_id]);
    assert.equal(storedBallots.size, 500, 'one ballot per voter');
    // A twin has whichever of its requests won stored; every other voter exactly its ballot.
    for (const ballot of ballots.slice(twins.length)) assert.deepEqual(storedBallots.get(ballot.voter), ballot.options);
    assert.equal(await assertCountsEqualRows(servers, dbPath, 'crowd-multi'), 500);
    assert.deepEqual(await countStoredVotes(dbPath, 'crowd-multi'), { total: 500, perOption: tally(storedBallots.values()) });
  });

  it(`loses no acknowledged vote and doubles none when one process is killed with SIGKILL mid-load, ${KILLS} times`, async () => {
    const before = (await countStoredVotes(dbPath, 'crowd')).total;
    const acknowledged = new Map<string, string>();
    const inDoubt = new Set<string>();
    /** Processes killed so far: only these may leave a request without an answer. */
    const killed = new Set<ReferenceServer>();
    const problems: string[] = [];
    let stopping = false;

    // 40 clients, each sending a stream of new voters, alternately to each process of the moment.
    const client = async (index: number): Promise<void> => {
      for (let round = 0; !stopping; round++) {
        const server = servers[(index + round) % 2]!;
        const voter = newVoter();
        const option = FIXTURE_OPTIONS.crowd![(index + round) % 4]!;
        const status = await vote(server, 'crowd', voter, [option]);
        if (status === 201) acknowledged.set(voter, option);
        else if (status === 0 && killed.has(server)) inDoubt.add(voter);
        else problems.push(`status ${status} from a process that was ${killed.has(server) ? '' : 'not '}killed`);
      }
    };
    const load = Promise.all(Array.from({ length: 40 }, (_, index) => client(index)));
    const moreAcknowledged = async (what: string): Promise<void> => {
      const target = acknowledged.size + VOTES_BETWEEN_KILLS;
      await waitUntil(() => acknowledged.size >= target || problems.length > 0, what, 60_000);
    };
    try {
      for (let kill = 0; kill < KILLS; kill++) {
        // Kill once enough votes are in: the other clients are mid-request on both processes.
        await moreAcknowledged(`${VOTES_BETWEEN_KILLS} more votes before kill ${kill + 1}`);
        const index = kill % 2;
        const victim = servers[index]!;
        killed.add(victim);
        assert.equal(await victim.kill(), null, 'the process died of SIGKILL');
        // As behind a load balancer that took the dead process out: the survivor serves alone
        // while a new process starts on the same data, then takes the dead one's place.
        servers[index] = servers[1 - index]!;
        servers[index] = await startReferenceServer({ env, dbPath });
      }
      await moreAcknowledged('votes on the last pair of processes');
    } finally {
      stopping = true;
      await load;
    }
    assert.deepEqual(problems, []);

    const rows = await queryDatabase<{ voter: string; option_id: string }>(dbPath, "SELECT voter, option_id FROM vote_options WHERE poll_id = 'crowd'");
    const stored = new Map(rows.map((row) => [row.voter, row.option_id]));
    const missing = [...acknowledged].filter(([voter, option]) => stored.get(voter) !== option);
    assert.deepEqual(missing, [], 'acknowledged votes missing after the kills');
    assert.equal(rows.length, stored.size, 'a voter stored twice');
    const ghosts = [...stored.keys()].filter((voter) => !acknowledged.has(voter) && !inDoubt.has(voter));
    assert.deepEqual(ghosts, [], 'stored votes nobody sent');
    console.log(
      `multi-process kill: ${KILLS} kills, ${acknowledged.size} acknowledged, all found, ${rows.length - stored.size} twice; ` +
        `${inDoubt.size} without an answer (${[...inDoubt].filter((voter) => stored.has(voter)).length} of them stored)`,
    );
    assert.ok(acknowledged.size >= VOTES_BETWEEN_KILLS * (KILLS + 1));
    assert.ok(inDoubt.size > 0, 'the kills landed while requests were in flight');

    const total = await assertCountsEqualRows(servers, dbPath, 'crowd');
    assert.ok(total >= before + acknowledged.size && total <= before + acknowledged.size + inDoubt.size);
    // Both processes of the moment know the voters the dead ones acknowledged.
    const [someVoter] = acknowledged.keys();
    for (const server of servers) assert.equal(await vote(server, 'crowd', someVoter!, ['a']), 409);
  });

  it('holds the rate limit per client across both processes', async () => {
    const shared = temporaryDatabase();
    const limitEnv = { ...env, EGOV_RATE_LIMIT: '4' };
    const limited = [await startReferenceServer({ env: limitEnv, dbPath: shared })];
    try {
      limited.push(await startReferenceServer({ env: limitEnv, dbPath: shared }));
      // Four votes from this client, two through each process: all counted.
      for (const index of [0, 1, 0, 1]) assert.equal(await vote(limited[index]!, 'crowd', newVoter(), ['a']), 201);
      // The fifth is refused whichever process receives it.
      for (const server of limited) {
        const response = await postVote(server.url, 'crowd', { options: ['b'], voter: newVoter() });
        assert.equal(response.status, 429);
        assert.ok(Number(response.headers.get('retry-after')) >= 1);
      }
      // The keys in the database are salted hashes, never the address.
      const keys = await queryDatabase<{ key: string }>(shared, 'SELECT key FROM rate_limits');
      assert.equal(keys.length, 1);
      assert.match(keys[0]!.key, /^[A-Za-z0-9_-]{43}$/);
    } finally {
      await Promise.all(limited.map((server) => server.stop()));
    }
  });

  it("lets an editor signed in on one process work on the other, and sign out on both", async () => {
    const shared = temporaryDatabase();
    const editor = { username: 'bientap', password: 'Mat-khau-Bien-Tap-1' };
    const editorEnv = { ...env, EGOV_DEMO_EDITOR: `${editor.username}:${editor.password}` };
    const pair = [await startReferenceServer({ env: editorEnv, dbPath: shared })];
    try {
      pair.push(await startReferenceServer({ env: editorEnv, dbPath: shared }));
      const [first, second] = pair as [ReferenceServer, ReferenceServer];
      const signIn = await fetch(`${first.url}/api/admin/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: first.url },
        body: JSON.stringify(editor),
      });
      assert.equal(signIn.status, 204);
      const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
      const listed = await fetch(`${second.url}/api/admin/polls`, { headers: { cookie } });
      assert.equal(listed.status, 200, 'the session opened on the first process works on the second');
      const signOut = await fetch(`${second.url}/api/admin/session`, { method: 'DELETE', headers: { cookie, origin: second.url } });
      assert.equal(signOut.status, 204);
      assert.equal((await fetch(`${first.url}/api/admin/polls`, { headers: { cookie } })).status, 401, 'signed out on both');
    } finally {
      await Promise.all(pair.map((server) => server.stop()));
    }
  });
});
