/**
 * `egov-poll-server migrate-to-postgres`: a portal that outgrows its SQLite file moves every
 * poll and vote, its editors with their open sessions, lock-outs and audit trail, to
 * PostgreSQL, and the server on PostgreSQL answers exactly what the server on the file
 * answered. Runs in `npm test -- server-pg` only.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runReferenceServerToExit, startReferenceServer, temporaryDatabase, temporaryFolder } from '../support/reference-server.mjs';
import { countStoredVotes, getPoll, newVoter, ON_POSTGRES, type PollBody, postVote, storedCounters } from './support.js';

const needsPostgres = ON_POSTGRES ? {} : { skip: 'needs PostgreSQL: npm test -- server-pg' };
/** The demo polls file's: open single choice, open multiple choice, closed with 868 seeded ballots. */
const POLLS = ['nghi-le', 'dich-vu-cong', 'nghi-tet-2018'];

function signIn(url: string, editor: { username: string; password: string }): Promise<Response> {
  return fetch(`${url}/api/admin/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify(editor),
  });
}

describe('migrate-to-postgres', needsPostgres, () => {
  it('copies every poll, ballot, editor, session and lock-out of a SQLite file, and the server on PostgreSQL answers the same', async () => {
    const sqlitePath = path.join(temporaryFolder(), 'egov.sqlite');
    const editor = { username: 'bientap', password: 'Mat-khau-Bien-Tap-1' };
    const onFile = await startReferenceServer({ dbPath: sqlitePath, env: { EGOV_DEMO_EDITOR: `${editor.username}:${editor.password}` } });
    const signedIn = await signIn(onFile.url, editor);
    assert.equal(signedIn.status, 204);
    const cookieOnFile = signedIn.headers.get('set-cookie')!.split(';')[0]!;
    // A password guesser locked out of an account (5 failures; the 6th try is refused).
    const guesser = { username: 'ke-doan', password: 'doan-mo' };
    for (let attempt = 0; attempt < 5; attempt++) assert.equal((await signIn(onFile.url, guesser)).status, 401);
    assert.equal((await signIn(onFile.url, guesser)).status, 429);
    const voters: string[] = [];
    for (const [index, options] of [['2-ngay'], ['3-ngay'], ['3-ngay'], ['5-ngay-tro-len']].entries()) {
      voters.push(newVoter());
      assert.equal((await postVote(onFile.url, 'nghi-le', { options, voter: voters[index] })).status, 201);
    }
    for (const options of [['dang-ky-khai-sinh', 'nop-thue-dien-tu'], ['nop-thue-dien-tu'], ['chua-su-dung']]) {
      assert.equal((await postVote(onFile.url, 'dich-vu-cong', { options, voter: newVoter() })).status, 201);
    }
    const before: PollBody[] = await Promise.all(POLLS.map((id) => getPoll(onFile.url, id)));
    assert.equal(await onFile.stop(), 0);
    const fileBytes = readFileSync(sqlitePath);

    const url = temporaryDatabase();
    const migrate = () => runReferenceServerToExit({ dbPath: url, env: { EGOV_DB: sqlitePath }, args: ['migrate-to-postgres'] });
    const first = await migrate();
    assert.equal(first.code, 0, first.output);
    assert.match(first.output, /^egov-widgets: copied 3 polls and 875 ballots from .*egov\.sqlite to PostgreSQL\.$/m);
    assert.ok(readFileSync(sqlitePath).equals(fileBytes), 'the SQLite file was changed');

    const onPostgres = await startReferenceServer({ dbPath: url });
    try {
      assert.deepEqual(await Promise.all(POLLS.map((id) => getPoll(onPostgres.url, id))), before);
      for (const id of POLLS) {
        const rows = await countStoredVotes(url, id);
        assert.deepEqual((await storedCounters(url, id)).total, rows.total, `${id}: counter equals rows`);
      }
      // The voters came along: they cannot vote again; new voters are counted on top.
      assert.equal((await postVote(onPostgres.url, 'nghi-le', { options: ['1-ngay'], voter: voters[0] })).status, 409);
      const fresh = await postVote(onPostgres.url, 'nghi-le', { options: ['1-ngay'], voter: newVoter() });
      assert.equal(fresh.status, 201);
      assert.equal(((await fresh.json()) as PollBody).totalVotes, 5);
      // The editor's open session came along: signed in on the file, still signed in here.
      const stillSignedIn = await fetch(`${onPostgres.url}/api/admin/session`, { headers: { cookie: cookieOnFile } });
      assert.equal(stillSignedIn.status, 200);
      assert.deepEqual(await stillSignedIn.json(), { username: 'bientap' });
      // The lock-out came along (its failures and the secret their keys are hashed with).
      assert.equal((await signIn(onPostgres.url, guesser)).status, 429);
      // The editor came along with their password, and the audit trail with its sign-in.
      const session = await signIn(onPostgres.url, editor);
      assert.equal(session.status, 204);
      const cookie = session.headers.get('set-cookie')!.split(';')[0]!;
      const audit = (await (await fetch(`${onPostgres.url}/api/admin/audit`, { headers: { cookie } })).json()) as {
        entries: { actor: string; action: string }[];
      };
      assert.deepEqual(
        audit.entries.map((entry) => `${entry.actor} ${entry.action}`),
        ['bientap sign-in', 'bientap sign-in'],
      );
    } finally {
      await onPostgres.stop();
    }

    // A second run would count every ballot twice: refused, nothing changed.
    const second = await migrate();
    assert.equal(second.code, 1, second.output);
    assert.match(second.output, /^egov-widgets: postgres:\/\/.* already holds 3 polls: migrate-to-postgres fills only an empty database/m);
    assert.equal((await countStoredVotes(url, 'nghi-le')).total, 5);
  });

  it("never copies the default SQLite file (the demo's): EGOV_DB must name the file", async () => {
    const result = await runReferenceServerToExit({ dbPath: temporaryDatabase(), args: ['migrate-to-postgres'] });
    assert.equal(result.code, 1, result.output);
    assert.match(result.output, /^egov-widgets: migrate-to-postgres needs EGOV_DB, the server's SQLite file to copy/m);
  });

  it('says what is missing when EGOV_DATABASE_URL is not set', async () => {
    const result = await runReferenceServerToExit({ dbPath: path.join(temporaryFolder(), 'egov.sqlite'), args: ['migrate-to-postgres'] });
    assert.equal(result.code, 1);
    assert.match(result.output, /^egov-widgets: migrate-to-postgres needs EGOV_DATABASE_URL/m);
  });
});
