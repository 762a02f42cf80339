/**
 * The editors' polls (docs/api.md, "Editors' API"), in process through `app.inject()` on a
 * temporary database: polls listed, created and changed with effect on the public API at
 * once, and the audit trail of who did what.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { readConfig } from '../../server/config.js';
import { openStorage } from '../../server/storage/open.js';
import type { AdminPoll } from '../../server/storage/storage.js';
import { storageEnv } from '../support/reference-server.mjs';
import { AdminClient, buildSignedInApp, EDITOR, expectApiError, HOST, publicVote, signedInClient } from './admin-support.js';

let app: FastifyInstance;
let editor: AdminClient;
let dbPath: string;
before(async () => ({ app, editor, dbPath } = await buildSignedInApp()));
after(() => app.close());

const createPoll = (body: Record<string, unknown>): Promise<AdminPoll> => editor.createPoll(body);

async function patchPoll(id: string, body: unknown): Promise<AdminPoll> {
  const response = await editor.request('PATCH', `/api/admin/polls/${id}`, body);
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as AdminPoll;
}

async function publicStatus(id: string): Promise<number> {
  return (await app.inject({ method: 'GET', url: `/api/polls/${id}`, headers: { host: HOST } })).statusCode;
}

const twoOptions = (question: string) => ({
  question,
  multiple: false,
  closesAt: null,
  options: [{ label: 'Có' }, { label: 'Không' }],
});

describe('GET /api/admin/polls', () => {
  it('lists every poll with its counts in the documented shape, archived ones too', async () => {
    await patchPoll('crowd', { archived: true });
    const { polls } = (await editor.request('GET', '/api/admin/polls')).json() as { polls: AdminPoll[] };
    for (const poll of polls) {
      assert.deepEqual(Object.keys(poll).sort(), [
        'archived', 'closed', 'closesAt', 'id', 'multiple', 'options', 'question', 'totalVotes', 'updatedAt',
      ]);
      assert.ok(!Number.isNaN(Date.parse(poll.updatedAt)));
      for (const option of poll.options) assert.deepEqual(Object.keys(option).sort(), ['id', 'label', 'votes']);
    }
    const crowd = polls.find((poll) => poll.id === 'crowd');
    assert.equal(crowd?.archived, true);
    const multi = polls.find((poll) => poll.id === 'multi');
    assert.deepEqual(
      { ...multi, updatedAt: undefined },
      {
        id: 'multi',
        question: 'Bạn chọn những phương án nào?',
        multiple: true,
        closesAt: null,
        closed: false,
        archived: false,
        totalVotes: 0,
        options: [
          { id: 'x', label: 'X', votes: 0 },
          { id: 'y', label: 'Y', votes: 0 },
          { id: 'z', label: 'Z', votes: 0 },
        ],
        updatedAt: undefined,
      },
    );
    await patchPoll('crowd', { archived: false });
  });
});

describe('POST /api/admin/polls', () => {
  it('makes ids from the Vietnamese text', async () => {
    const poll = await createPoll({
      question: 'Bạn mong muốn được nghỉ lễ bao nhiêu ngày?',
      multiple: false,
      closesAt: '2999-04-30T23:59:59+07:00',
      options: [
        { label: '5 ngày trở lên' },
        { label: 'Đường bộ – ĐƯỜNG SẮT' },
        { label: 'Có' },
        { label: 'có' },
        { label: '  Ý kiến khác!  ' },
        { label: '日本' },
      ],
    });
    assert.equal(poll.id, 'ban-mong-muon-duoc-nghi-le-bao-nhieu-ngay');
    assert.deepEqual(
      poll.options.map((option) => option.id),
      ['5-ngay-tro-len', 'duong-bo-duong-sat', 'co', 'co-2', 'y-kien-khac', 'phuong-an'],
    );
    assert.equal(poll.options[0]!.label, '5 ngày trở lên');
    assert.equal(poll.closesAt, '2999-04-30T16:59:59.000Z');
    assert.equal(poll.closed, false);
    assert.equal(poll.archived, false);

    const again = await createPoll(twoOptions('Bạn mong muốn được nghỉ lễ bao nhiêu ngày?'));
    assert.equal(again.id, 'ban-mong-muon-duoc-nghi-le-bao-nhieu-ngay-2');
  });

  it('keeps the ids the editor gives, and refuses a poll id that is taken with 409', async () => {
    const poll = await createPoll({ id: 'nghi-le-30-4', ...twoOptions('Nghỉ lễ 30/4?'), options: [{ id: 'co', label: 'Có' }, { label: 'Có' }] });
    assert.equal(poll.id, 'nghi-le-30-4');
    // The given id comes first; the made one steps aside.
    assert.deepEqual(poll.options.map((option) => option.id), ['co', 'co-2']);
    expectApiError(await editor.request('POST', '/api/admin/polls', { id: 'nghi-le-30-4', ...twoOptions('Lại?') }), 409, 'id_taken');
    expectApiError(await editor.request('POST', '/api/admin/polls', { id: 'single', ...twoOptions('Lại?') }), 409, 'id_taken');
  });

  it('refuses what the polls file would refuse, with 400, where, and the field at fault (a JSON Pointer into the body)', async () => {
    const valid = twoOptions('Hợp lệ?');
    const cases: [unknown, RegExp, string | undefined][] = [
      [{ ...valid, options: [{ label: 'Một' }] }, /body\.options must be a list of 2 to 50 options/, '/options'],
      [{ ...valid, options: Array.from({ length: 51 }, (_, index) => ({ label: `Phương án ${index}` })) }, /must NOT have more than 50 items/, '/options'],
      [{ ...valid, question: '   ' }, /body\.question must be a non-empty string of at most 500/, '/question'],
      [{ ...valid, question: 'x'.repeat(501) }, /body\/question must NOT have more than 500 characters/, '/question'],
      [{ ...valid, closesAt: '2026-04-30' }, /body\.closesAt must be null or a date-time with a time zone/, '/closesAt'],
      [{ ...valid, id: 'Nghi Le' }, /body\.id must be a slug/, '/id'],
      [{ ...valid, options: [{ label: 'A' }, { label: ' ' }] }, /body\.options\[1\]\.label must be a non-empty string/, '/options/1/label'],
      [{ ...valid, options: [{ label: 'A' }, { label: 'x'.repeat(201) }] }, /body\/options\/1\/label must NOT have more than 200 characters/, '/options/1/label'],
      [{ ...valid, options: [{ id: 'a', label: 'A' }, { id: 'a', label: 'B' }] }, /option id "a" appears twice/, '/options'],
      [{ ...valid, options: [{ label: 'A', seedVotes: 100 }, { label: 'B' }] }, /must NOT have additional properties/, '/options/0'],
      // The body as a whole: no field.
      [{ ...valid, closed: true }, /must NOT have additional properties/, undefined],
      [{ ...valid, multiple: 'yes' }, /body\/multiple must be boolean/, '/multiple'],
      [{ options: valid.options }, /must have required property 'question'/, '/question'],
    ];
    for (const [body, message, field] of cases) {
      const error = expectApiError(await editor.request('POST', '/api/admin/polls', body), 400, 'bad_request');
      assert.match(error.message, message, JSON.stringify(body).slice(0, 200));
      assert.equal(error.field, field, JSON.stringify(body).slice(0, 200));
    }
    // A change is checked as the poll it would make: the field is the change's.
    const poll = await createPoll(valid);
    const label = expectApiError(await editor.request('PATCH', `/api/admin/polls/${poll.id}`, { options: [{ label: 'A' }, { label: '  ' }] }), 400, 'bad_request');
    assert.equal(label.field, '/options/1/label');
    const question = expectApiError(await editor.request('PATCH', `/api/admin/polls/${poll.id}`, { question: 'x'.repeat(501) }), 400, 'bad_request');
    assert.equal(question.field, '/question');
    expectApiError(await editor.request('POST', '/api/admin/polls', '{"question": '), 400, 'bad_request');
    expectApiError(
      await editor.request('POST', '/api/admin/polls', JSON.stringify(valid), { 'content-type': 'text/plain' }),
      415,
      'unsupported_media_type',
    );
    const huge = { ...valid, question: 'Câu hỏi', options: [{ label: 'A' }, { label: 'x'.repeat(70_000) }] };
    expectApiError(await editor.request('POST', '/api/admin/polls', huge), 413, 'too_large');
  });

  it('accepts the largest poll the rules allow (50 options of 200 Vietnamese characters)', async () => {
    const label = 'Đường '.repeat(40).slice(0, 200);
    const options = Array.from({ length: 50 }, (_, index) => ({ label: `${index} ${label}`.slice(0, 200) }));
    const poll = await createPoll({ question: 'Ư'.repeat(500), multiple: true, closesAt: null, options });
    assert.equal(poll.options.length, 50);
  });

  it('a poll created by an editor takes votes through the public API at once', async () => {
    const poll = await createPoll({ ...twoOptions('Bình chọn ngay?'), multiple: true });
    const vote = await publicVote(app, poll.id, ['co', 'khong']);
    assert.equal(vote.statusCode, 201, vote.body);
    const results = vote.json() as { totalVotes: number; options: { id: string; votes: number }[] };
    assert.equal(results.totalVotes, 1);
    assert.deepEqual(results.options.map((option) => option.votes), [1, 1]);
  });
});

describe('PATCH /api/admin/polls/:id', () => {
  it('keeps, relabels, reorders, adds and removes options', async () => {
    const poll = await createPoll({
      ...twoOptions('Sắp xếp?'),
      options: [{ label: 'Một' }, { label: 'Hai' }, { label: 'Ba' }],
    });
    assert.equal((await publicVote(app, poll.id, ['hai'])).statusCode, 201);
    const changed = await patchPoll(poll.id, {
      options: [{ id: 'hai', label: 'Hai (2)' }, { label: 'Bốn' }, { id: 'mot', label: 'Một' }, { label: 'Ba' }],
    });
    // "ba" had no votes and was left out; the new "Ba" gets another id, never the old one.
    assert.deepEqual(
      changed.options.map(({ id, label, votes }) => [id, label, votes]),
      [['hai', 'Hai (2)', 1], ['bon', 'Bốn', 0], ['mot', 'Một', 0], ['ba-2', 'Ba', 0]],
    );
  });

  it('refuses to remove an option that has votes with 409, and changes nothing', async () => {
    const poll = await createPoll(twoOptions('Có phiếu rồi?'));
    assert.equal((await publicVote(app, poll.id, ['co'])).statusCode, 201);
    const response = await editor.request('PATCH', `/api/admin/polls/${poll.id}`, {
      question: 'Câu hỏi mới?',
      options: [{ id: 'khong', label: 'Không' }, { label: 'Khác' }],
    });
    expectApiError(response, 409, 'option_has_votes');
    const { polls } = (await editor.request('GET', '/api/admin/polls')).json() as { polls: AdminPoll[] };
    const unchanged = polls.find((candidate) => candidate.id === poll.id)!;
    assert.equal(unchanged.question, 'Có phiếu rồi?');
    assert.deepEqual(unchanged.options.map((option) => [option.id, option.votes]), [['co', 1], ['khong', 0]]);
  });

  it('refuses an option id the poll does not have, unknown fields, an empty change, an unknown poll', async () => {
    const poll = await createPoll(twoOptions('Sửa sai?'));
    expectApiError(
      await editor.request('PATCH', `/api/admin/polls/${poll.id}`, { options: [{ id: 'co', label: 'Có' }, { id: 'moi', label: 'Mới' }] }),
      400,
      'unknown_option',
    );
    expectApiError(await editor.request('PATCH', `/api/admin/polls/${poll.id}`, { multiple: true }), 400, 'bad_request');
    expectApiError(await editor.request('PATCH', `/api/admin/polls/${poll.id}`, {}), 400, 'bad_request');
    expectApiError(await editor.request('PATCH', `/api/admin/polls/${poll.id}`, { options: [{ id: 'co', label: 'Có' }] }), 400, 'bad_request');
    expectApiError(await editor.request('PATCH', '/api/admin/polls/khong-co', { closed: true }), 404, 'not_found');
  });

  it('closing and reopening take effect on the public API at once', async () => {
    const poll = await createPoll(twoOptions('Đóng mở?'));
    const closed = await patchPoll(poll.id, { closed: true });
    assert.equal(closed.closed, true);
    const refused = await publicVote(app, poll.id, ['co']);
    assert.equal(refused.statusCode, 410, refused.body);
    await patchPoll(poll.id, { closed: false });
    assert.equal((await publicVote(app, poll.id, ['co'])).statusCode, 201);
  });

  it('a closing time in the past closes the poll; null reopens it', async () => {
    const poll = await createPoll(twoOptions('Hết hạn?'));
    assert.equal((await patchPoll(poll.id, { closesAt: '2018-01-31T23:59:59+07:00' })).closed, true);
    assert.equal((await publicVote(app, poll.id, ['co'])).statusCode, 410);
    assert.equal((await patchPoll(poll.id, { closesAt: null })).closed, false);
    assert.equal((await publicVote(app, poll.id, ['co'])).statusCode, 201);
  });

  it('refuses to reopen a poll whose closing time has passed with 409, unless a later one comes with it', async () => {
    const poll = await createPoll(twoOptions('Mở lại được không?'));
    await patchPoll(poll.id, { closesAt: '2018-01-31T23:59:59+07:00' });
    expectApiError(await editor.request('PATCH', `/api/admin/polls/${poll.id}`, { closed: false }), 409, 'closes_at_passed');
    assert.equal((await publicVote(app, poll.id, ['co'])).statusCode, 410);
    const reopened = await patchPoll(poll.id, { closed: false, closesAt: '2999-01-31T23:59:59+07:00' });
    assert.equal(reopened.closed, false);
    assert.equal((await publicVote(app, poll.id, ['co'])).statusCode, 201);
  });

  it('archiving hides the poll from the public API at once, with its votes kept', async () => {
    const poll = await createPoll(twoOptions('Lưu trữ?'));
    assert.equal((await publicVote(app, poll.id, ['khong'])).statusCode, 201);
    const archived = await patchPoll(poll.id, { archived: true });
    assert.equal(archived.archived, true);
    assert.equal(await publicStatus(poll.id), 404);
    assert.equal((await publicVote(app, poll.id, ['khong'])).statusCode, 404);
    const back = await patchPoll(poll.id, { archived: false });
    assert.equal(back.totalVotes, 1);
    assert.equal(await publicStatus(poll.id), 200);
  });
});

describe('PATCH /api/admin/polls/:id made on a version (If-Match)', () => {
  const patchOn = (id: string, version: string, body: unknown) =>
    editor.request('PATCH', `/api/admin/polls/${id}`, body, { 'if-match': `"${version}"` });

  it('refuses a change made on a version another editor has since changed with 412, and changes nothing', async () => {
    const opened = await createPoll(twoOptions('Ai sửa trước?'));
    const other = await signedInClient(app);
    const first = await other.request('PATCH', `/api/admin/polls/${opened.id}`, { question: 'Sửa lần một?' }, { 'if-match': `"${opened.updatedAt}"` });
    assert.equal(first.statusCode, 200, first.body);
    const saved = first.json() as AdminPoll;
    assert.notEqual(saved.updatedAt, opened.updatedAt);
    const auditBefore = (await editor.request('GET', '/api/admin/audit')).json() as { entries: unknown[] };

    const late = await patchOn(opened.id, opened.updatedAt, { question: 'Sửa lần hai?', options: [{ id: 'co', label: 'Có' }, { label: 'Khác' }] });
    const body = expectApiError(late, 412, 'poll_changed') as { poll?: AdminPoll };
    assert.deepEqual(body.poll, saved);
    const { polls } = (await editor.request('GET', '/api/admin/polls')).json() as { polls: AdminPoll[] };
    assert.deepEqual(polls.find((poll) => poll.id === opened.id), saved);
    assert.deepEqual((await editor.request('GET', '/api/admin/audit')).json(), auditBefore);

    // Made again on the version the 412 gave: the editor overwrites it knowingly.
    const again = await patchOn(opened.id, saved.updatedAt, { question: 'Sửa lần hai?' });
    assert.equal(again.statusCode, 200, again.body);
    assert.equal((again.json() as AdminPoll).question, 'Sửa lần hai?');
  });

  it('says the same with updatedAt in the body (the editors\' page), and without either changes as before', async () => {
    const opened = await createPoll(twoOptions('Phiên bản trong thân?'));
    const saved = await patchPoll(opened.id, { question: 'Không hỏi phiên bản?' });
    const late = await editor.request('PATCH', `/api/admin/polls/${opened.id}`, { question: 'Cũ?', updatedAt: opened.updatedAt });
    assert.deepEqual((expectApiError(late, 412, 'poll_changed') as { poll?: AdminPoll }).poll, saved);
    assert.equal((await patchPoll(opened.id, { question: 'Mới?', updatedAt: saved.updatedAt })).question, 'Mới?');
    assert.equal((await patchPoll(opened.id, { question: 'Ghi đè?' })).question, 'Ghi đè?');
    assert.equal((await editor.request('PATCH', `/api/admin/polls/${opened.id}`, { closed: true }, { 'if-match': '*' })).statusCode, 200);
  });

  it('refuses a malformed If-Match, one that the body contradicts, and updatedAt alone with 400', async () => {
    const poll = await createPoll(twoOptions('Tiêu đề sai?'));
    expectApiError(await editor.request('PATCH', `/api/admin/polls/${poll.id}`, { closed: true }, { 'if-match': poll.updatedAt }), 400, 'bad_request');
    expectApiError(await patchOn(poll.id, poll.updatedAt, { closed: true, updatedAt: '2020-01-01T00:00:00.000Z' }), 400, 'bad_request');
    expectApiError(await patchOn(poll.id, poll.updatedAt, { updatedAt: poll.updatedAt }), 400, 'bad_request');
    expectApiError(await patchOn('khong-co', poll.updatedAt, { closed: true }), 404, 'not_found');
  });

  it('votes leave updatedAt as it is: a change made on the version before them is saved', async () => {
    const opened = await createPoll(twoOptions('Phiếu không đổi phiên bản?'));
    assert.equal((await publicVote(app, opened.id, ['co'])).statusCode, 201);
    const response = await patchOn(opened.id, opened.updatedAt, { question: 'Vẫn sửa được?' });
    assert.equal(response.statusCode, 200, response.body);
  });

  it('two changes made on one version at the same moment: one is saved, the other 412', async () => {
    const opened = await createPoll(twoOptions('Cùng lúc?'));
    const other = await signedInClient(app);
    const answers = await Promise.all([
      patchOn(opened.id, opened.updatedAt, { question: 'Một?' }),
      other.request('PATCH', `/api/admin/polls/${opened.id}`, { question: 'Hai?' }, { 'if-match': `"${opened.updatedAt}"` }),
    ]);
    assert.deepEqual(answers.map((answer) => answer.statusCode).sort(), [200, 412]);
  });

  it('is checked again in the transaction that saves: a version changed after the route read it is refused', async () => {
    // As another server process on the same storage would see it, between its read and its save.
    const opened = await createPoll(twoOptions('Giữa đọc và ghi?'));
    const saved = await patchPoll(opened.id, { question: 'Đã đổi?' });
    const store = await openStorage(readConfig(await storageEnv(dbPath)));
    try {
      assert.deepEqual(await store.updatePoll(opened.id, { question: 'Cũ?' }, [], opened.updatedAt), { outcome: 'poll_changed' });
      assert.deepEqual(await store.readAdminPoll(opened.id), saved);
      assert.deepEqual(await store.updatePoll(opened.id, { question: 'Mới?' }, [], saved.updatedAt), { outcome: 'saved' });
      assert.deepEqual(await store.updatePoll('khong-co', { question: 'Mới?' }, [], saved.updatedAt), { outcome: 'not_found' });
    } finally {
      await store.close();
    }
  });

  it('gives each change a version of its own, also two in one millisecond', async (t) => {
    // The clock stands still: every change of the poll is made in the same millisecond.
    t.mock.timers.enable({ apis: ['Date'], now: Date.now() });
    const opened = await createPoll(twoOptions('Cùng một mili giây?'));
    const first = await patchOn(opened.id, opened.updatedAt, { question: 'Một?' });
    assert.equal(first.statusCode, 200, first.body);
    expectApiError(await patchOn(opened.id, opened.updatedAt, { question: 'Hai?' }), 412, 'poll_changed');
  });
});

describe('GET /api/admin/audit', () => {
  it('records who did what, newest first', async () => {
    const auditor = await signedInClient(app);
    const poll = await createPoll(twoOptions('Nhật ký?'));
    await patchPoll(poll.id, { question: 'Nhật ký hoạt động?', closed: true });
    await patchPoll(poll.id, { closed: false });
    await patchPoll(poll.id, { archived: true });
    await patchPoll(poll.id, { archived: false });
    assert.equal((await auditor.request('DELETE', '/api/admin/session')).statusCode, 204);
    const { entries } = (await editor.request('GET', '/api/admin/audit')).json() as {
      entries: { at: string; actor: string; action: string; pollId: string | null; detail: string | null }[];
    };
    assert.deepEqual(
      entries.slice(0, 7).map(({ action, pollId, detail }) => [action, pollId, detail]),
      [
        ['sign-out', null, null],
        ['unarchive', poll.id, null],
        ['archive', poll.id, null],
        ['reopen', poll.id, null],
        ['close', poll.id, null],
        ['update', poll.id, 'question'],
        ['create', poll.id, 'Nhật ký?'],
      ],
    );
    assert.ok(entries.slice(0, 7).every((entry) => entry.actor === EDITOR.username));
    const times = entries.map((entry) => Date.parse(entry.at));
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
    assert.ok(entries.some((entry) => entry.action === 'sign-in'));
    for (const entry of entries) assert.deepEqual(Object.keys(entry).sort(), ['action', 'actor', 'at', 'detail', 'pollId']);
  });
});
