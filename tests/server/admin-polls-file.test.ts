/**
 * How the polls file and the editors meet: the file is imported at every start, but a poll
 * an editor created or changed is theirs from then on — never overwritten, never archived by
 * the file. Restarts are real: the app is closed and built again on the same SQLite file.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../server/storage/sqlite/migrations.js';
import type { AdminPoll } from '../../server/storage/storage.js';
import { temporaryDatabase, temporaryFolder } from '../support/reference-server.mjs';
import { buildTestApp, HOST, signedInClient } from './admin-support.js';
import { countStoredVotes, newVoter, sqliteOnly } from './support.js';

function writePollsFile(folder: string, name: string, polls: unknown[]): string {
  const file = path.join(folder, name);
  writeFileSync(file, JSON.stringify({ polls }));
  return file;
}

const filePoll = (id: string, question: string, options: { id: string; label: string }[]) => ({ id, question, options });

describe('the polls file and the editors', () => {
  it('never overwrites nor archives an editor\'s poll across a restart; still manages its own', async () => {
    const dbPath = temporaryDatabase();
    const folder = temporaryFolder();
    const yesNo = [
      { id: 'co', label: 'Có' },
      { id: 'khong', label: 'Không' },
    ];
    const first = writePollsFile(folder, 'polls-1.json', [
      filePoll('thu', 'Câu hỏi trong tệp?', yesNo),
      filePoll('cu', 'Cuộc cũ?', yesNo),
      filePoll('tep', 'Chỉ trong tệp?', yesNo),
    ]);
    const { app } = await buildTestApp({ EGOV_POLLS: first }, dbPath);
    const editor = await signedInClient(app);
    const edited = await editor.request('PATCH', '/api/admin/polls/thu', {
      question: 'Câu hỏi của biên tập viên?',
      options: [{ id: 'khong', label: 'Không' }, { id: 'co', label: 'Có' }],
    });
    assert.equal(edited.statusCode, 200, edited.body);
    await editor.createPoll({ id: 'moi', question: 'Cuộc mới?', options: [{ label: 'A' }, { label: 'B' }] });
    await app.close();

    // The next file changes "thu", drops "cu" and never knew "moi"; "tep" gets a new question.
    const second = writePollsFile(folder, 'polls-2.json', [
      filePoll('thu', 'Câu hỏi mới trong tệp?', [...yesNo, { id: 'them', label: 'Thêm' }]),
      filePoll('tep', 'Chỉ trong tệp, đã sửa?', yesNo),
    ]);
    const restarted = await buildTestApp({ EGOV_POLLS: second }, dbPath);
    try {
      const { polls } = (await (await signedInClient(restarted.app)).request('GET', '/api/admin/polls')).json() as { polls: AdminPoll[] };
      const byId = Object.fromEntries(polls.map((poll) => [poll.id, poll]));
      assert.equal(byId.thu!.question, 'Câu hỏi của biên tập viên?');
      assert.deepEqual(byId.thu!.options.map((option) => option.id), ['khong', 'co']);
      assert.equal(byId.thu!.archived, false);
      assert.equal(byId.moi!.archived, false);
      // The file's own polls still follow the file.
      assert.equal(byId.cu!.archived, true);
      assert.equal(byId.tep!.question, 'Chỉ trong tệp, đã sửa?');

      const status = async (id: string) =>
        (await restarted.app.inject({ method: 'GET', url: `/api/polls/${id}`, headers: { host: HOST } })).statusCode;
      assert.equal(await status('thu'), 200);
      assert.equal(await status('moi'), 200);
      assert.equal(await status('cu'), 404);
    } finally {
      await restarted.app.close();
    }
  });
});

describe('a database from before the editors', sqliteOnly('a file of the first schema; no PostgreSQL database predates the editors in a release'), () => {
  it('is migrated in place: its polls and votes are kept and editors can take them over', async () => {
    const dbPath = temporaryDatabase();
    const old = new Database(dbPath);
    old.exec(MIGRATIONS[0]!);
    old.pragma('user_version = 1');
    old.prepare("INSERT INTO polls (id, question, multiple) VALUES ('single', 'Câu hỏi cũ?', 0)").run();
    old.prepare("INSERT INTO options (poll_id, id, label, position) VALUES ('single', 'a', 'A', 0), ('single', 'b', 'B', 1)").run();
    old.prepare("INSERT INTO votes (poll_id, voter, created_at) VALUES ('single', ?, '2018-01-01T00:00:00.000Z')").run(newVoter());
    old.prepare("INSERT INTO vote_options (poll_id, voter, option_id) SELECT poll_id, voter, 'a' FROM votes").run();
    old.close();

    const { app } = await buildTestApp({}, dbPath);
    try {
      const { polls } = (await (await signedInClient(app)).request('GET', '/api/admin/polls')).json() as { polls: AdminPoll[] };
      const single = polls.find((poll) => poll.id === 'single')!;
      // The fixture file's poll "single" updated the old one; the old ballot is still counted.
      assert.equal(single.totalVotes, 1);
      assert.equal(single.options.find((option) => option.id === 'a')?.votes, 1);
      assert.ok(!Number.isNaN(Date.parse(single.updatedAt)));
    } finally {
      await app.close();
    }
    assert.equal((await countStoredVotes(dbPath, 'single')).total, 1);
  });
});
