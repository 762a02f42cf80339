/**
 * Starting up, the polls file: the demo file, edits applied at the next start, each kind of
 * mistake named with where it is, and an unusable file stopping the server before it touches
 * the database. Starts that must succeed are built in process (the app reads and applies the polls
 * file as a process does); a start that must fail is a real process, for its exit code and words.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { jsonMistake, parsePolls, readPollFile } from '../../server/storage/poll-file.js';
import type { FastifyInstance } from 'fastify';
import { runReferenceServerToExit, temporaryDatabase, temporaryFolder } from '../support/reference-server.mjs';
import { buildServerApp, countStoredVotes, getPoll, isDatabaseEmpty, newVoter, postVote, request } from './support.js';

function writePolls(polls: unknown[]): string {
  const file = path.join(temporaryFolder(), 'polls.json');
  writeFileSync(file, JSON.stringify({ polls }));
  return file;
}

/**
 * A start of the server on `dbPath`, in process: building the app reads the polls file and
 * applies it to the database, as a process's start does. A start that must fail runs as a real
 * process (runReferenceServerToExit), for its exit code and its words.
 */
async function withStart(env: Record<string, string>, dbPath: string, use: (app: FastifyInstance) => Promise<void>): Promise<void> {
  const app = await buildServerApp(env, dbPath);
  try {
    await use(app);
  } finally {
    await app.close();
  }
}

const twoOptionPoll = (options: { id: string; label: string }[] = [
  { id: 'co', label: 'Có' },
  { id: 'khong', label: 'Không' },
]) => ({ id: 'thu', question: 'Thử?', multiple: false, closesAt: null, options });


describe('the demo polls file', () => {
  it('holds the holiday poll, a multiple-choice poll and a closed poll with seeded votes', async () => {
    const dbPath = temporaryDatabase();
    let closed: Awaited<ReturnType<typeof getPoll>> | undefined;
    await withStart({}, dbPath, async (server) => {
      const holiday = await getPoll(server, 'nghi-le');
      assert.equal(holiday.question, 'Bạn mong muốn được nghỉ lễ bao nhiêu ngày?');
      assert.equal(holiday.multiple, false);
      assert.equal(holiday.closed, false);
      assert.equal(holiday.totalVotes, 0);
      assert.deepEqual(
        holiday.options.map((option) => option.label),
        ['1 ngày', '2 ngày', '3 ngày', '4 ngày', '5 ngày trở lên'],
      );

      const services = await getPoll(server, 'dich-vu-cong');
      assert.equal(services.multiple, true);
      assert.equal(services.closed, false);

      closed = await getPoll(server, 'nghi-tet-2018');
      assert.equal(closed.closed, true);
      assert.ok(closed.totalVotes > 0);
      const stored = await countStoredVotes(dbPath, 'nghi-tet-2018');
      assert.equal(closed.totalVotes, stored.total);
      assert.deepEqual(
        Object.fromEntries(closed.options.map((option) => [option.id, option.votes])),
        stored.perOption,
      );
    });

    // Seeds are stored once, when the poll is created, not at every start.
    await withStart({}, dbPath, async (again) => assert.deepEqual(await getPoll(again, 'nghi-tet-2018'), closed));
  });
});

describe('the polls file', () => {
  it('names the file and the problem when it is missing, not JSON, or wrong', () => {
    const folder = temporaryFolder();
    const notJson = path.join(folder, 'not-json.json');
    writeFileSync(notJson, '{ "polls": [ ');
    const badOption = writePolls([twoOptionPoll([{ id: 'Co', label: 'Có' }, { id: 'khong', label: 'Không' }])]);
    assert.throws(() => readPollFile(path.join(folder, 'missing.json')), /cannot read the polls file .*missing\.json/);
    assert.throws(() => readPollFile(notJson), /the polls file .*not-json\.json is not valid JSON/);
    assert.throws(() => readPollFile(badOption), /the polls file .* is invalid: polls\[0\]\.options\[0\]\.id must be a slug/);
  });

  it('reads a UTF-8 file with a byte-order mark (Notepad), refuses one in another encoding, and says where JSON breaks', () => {
    const folder = temporaryFolder();
    const withBom = path.join(folder, 'bom.json');
    writeFileSync(withBom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ polls: [{ ...twoOptionPoll(), question: 'Nghỉ lễ?' }] }))]));
    assert.equal(readPollFile(withBom)[0]!.question, 'Nghỉ lễ?');
    const latin1 = path.join(folder, 'latin1.json');
    writeFileSync(latin1, Buffer.from(JSON.stringify({ polls: [{ ...twoOptionPoll(), question: 'Nghỉ lễ?' }] }), 'latin1'));
    assert.throws(() => readPollFile(latin1), /the polls file .*latin1\.json is not UTF-8 text: save it as UTF-8/);
    const broken = path.join(folder, 'broken.json');
    writeFileSync(broken, '\ufeff{\n  "polls": [\n    { "id": "a", }\n  ]\n}\n');
    assert.throws(() => readPollFile(broken), /is not valid JSON: unexpected "}" \(line 3, column 18\): the comma before it has nothing after it$/);
  });

  it('names the mistakes of a file edited by hand, with their line and column, on one line', () => {
    const folder = temporaryFolder();
    const cases: [string, RegExp][] = [
      // A comma left before the end of a list: V8 says no position for it.
      ['{"polls": [\n  {"id": "a"},\n]}', /is not valid JSON: unexpected "]" \(line 3, column 1\): the comma before it has nothing after it$/],
      ['{"polls": [], }', /unexpected "}" \(line 1, column 15\): the comma before it/],
      // Quotes a word processor types, or single ones.
      ['{"polls": [{"id": “a”}]}', /unexpected "“" \(line 1, column 19\): names and texts take straight double quotes/],
      ["{'polls': []}", /unexpected "'" \(line 1, column 2\): names and texts take straight double quotes/],
      ['{"polls": [], "x": tru}', /unexpected "t" \(line 1, column 20\)$/],
      ['{"polls": []}}', /unexpected "}" \(line 1, column 14\)$/],
      ['{"polls": [\n', /the file ends before the JSON does \(line 2, column 1\)$/],
      ['{"polls" []}', /unexpected "\[" \(line 1, column 10\)$/],
      ['{"polls": [01]}', /unexpected "1" \(line 1, column 13\)$/],
      // Inside a text: the character itself, not the text's opening quote.
      ['{"polls": ["a\tb"]}', /unexpected U\+0009 \(line 1, column 14\): a text holds no tab or line break as it is: write \\t or \\n/],
      ['{"polls": [], "q": "C:\\Users"}', /unexpected "\\\\" \(line 1, column 23\): \\ starts an escape .*: write \\\\ for a backslash$/],
      ['{"polls": [], "q": "\\u12G4"}', /unexpected "\\\\" \(line 1, column 21\): \\ starts an escape/],
      ['{"polls": [], "q": "not closed\n}', /unexpected U\+000A \(line 1, column 31\): a text holds no tab or line break as it is: write \\t or \\n, or close the text with "$/],
      ['{"polls": [], "q": "not closed', /the file ends before the JSON does \(line 1, column 31\): a text is not closed with "$/],
      // What one cannot see is named by its code.
      ['{"polls":\u00a0[]}', /unexpected U\+00A0 \(line 1, column 10\): a character one cannot see/],
      ['{"polls": []}\u2028', /unexpected U\+2028 \(line 1, column 14\): a character one cannot see/],
    ];
    for (const [text, expected] of cases) {
      const file = path.join(folder, 'polls.json');
      writeFileSync(file, text);
      assert.throws(
        () => readPollFile(file),
        (error: Error) => {
          assert.match(error.message, expected, text);
          assert.doesNotMatch(error.message, /\n/, 'one line, for the log');
          return true;
        },
      );
    }
    // Nested a million deep, or a text of ten million characters: told, not a stack overflow.
    assert.match(jsonMistake('['.repeat(1_000_000)) ?? '', /the file ends before the JSON does \(line 1, column 1000001\)/);
    assert.match(jsonMistake(`["${'x'.repeat(10_000_000)}", ]`) ?? '', /unexpected "]" \(line 1, column 10000006\): the comma before it/);
  });

  it('finds a mistake exactly where JSON.parse refuses (random edits of a valid file)', () => {
    const valid = JSON.stringify({ polls: [{ id: 'a-1', question: 'Nghỉ lễ “dài” ngày?', multiple: false, closesAt: null, options: [{ id: 'x', label: 'A\\B\u00e9' }, { id: 'y', label: '-1.5e3' }] }], n: [-0.5, 1e10, true, false, null, {}, []] }, null, 1);
    const pieces = ['', ',', ']', '}', '"', ':', '[', '{', 'x', '0', '-', '.', 'e', '\\', ' ', '\r\n', '\t', 'nul', '\u0001', '\u001f', '\u00a0', '\u2028', '\ufeff', 'u12G', 'u00e9'];
    // Park–Miller's generator, its high part: the same edits at every run.
    let seed = 7;
    const random = (below: number) => Math.floor(((seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647) * below);
    for (let round = 0; round < 3_000; round++) {
      const at = random(valid.length + 1);
      const cut = random(3);
      const text = valid.slice(0, at) + pieces[random(pieces.length)] + valid.slice(at + cut);
      let parses = true;
      try {
        JSON.parse(text);
      } catch {
        parses = false;
      }
      assert.equal(jsonMistake(text) === undefined, parses, text);
    }
  });

  it('stops the server with exit code 1 when it is unusable, before touching the database', async () => {
    const notJson = path.join(temporaryFolder(), 'polls.json');
    writeFileSync(notJson, '{ "polls": [ ');
    const dbPath = temporaryDatabase();
    const { code, output } = await runReferenceServerToExit({ dbPath, env: { EGOV_POLLS: notJson } });
    assert.equal(code, 1, output);
    assert.match(output, /^egov-widgets: the polls file .* is not valid JSON/m);
    assert.ok(await isDatabaseEmpty(dbPath));
  });

  it('applies edits at the next start: new labels, options and polls', async () => {
    const dbPath = temporaryDatabase();
    await withStart({ EGOV_POLLS: writePolls([twoOptionPoll()]) }, dbPath, async (first) => {
      assert.equal((await postVote(first, 'thu', { options: ['co'], voter: newVoter() })).status, 201);
    });

    const edited = writePolls([
      twoOptionPoll([
        { id: 'khong', label: 'Không đồng ý' },
        { id: 'co', label: 'Đồng ý' },
        { id: 'chua-biet', label: 'Chưa biết' },
      ]),
    ]);
    await withStart({ EGOV_POLLS: edited }, dbPath, async (second) => {
      const poll = await getPoll(second, 'thu');
      assert.deepEqual(
        poll.options.map((option) => [option.id, option.label, option.votes]),
        [
          ['khong', 'Không đồng ý', 0],
          ['co', 'Đồng ý', 1],
          ['chua-biet', 'Chưa biết', 0],
        ],
      );
    });
  });

  it('refuses to drop an option that has votes, and keeps the votes of a poll taken out of the file', async () => {
    const dbPath = temporaryDatabase();
    await withStart({ EGOV_POLLS: writePolls([twoOptionPoll()]) }, dbPath, async (first) => {
      assert.equal((await postVote(first, 'thu', { options: ['co'], voter: newVoter() })).status, 201);
    });

    const withoutVotedOption = writePolls([twoOptionPoll([{ id: 'khong', label: 'Không' }, { id: 'khac', label: 'Khác' }])]);
    const refused = await runReferenceServerToExit({ dbPath, env: { EGOV_POLLS: withoutVotedOption } });
    assert.equal(refused.code, 1);
    assert.match(refused.output, /option "co" has 1 votes and cannot be removed/);
    assert.equal((await countStoredVotes(dbPath, 'thu')).total, 1);

    const otherPoll = { ...twoOptionPoll(), id: 'khac' };
    await withStart({ EGOV_POLLS: writePolls([otherPoll]) }, dbPath, async (withoutPoll) => {
      assert.equal((await request(withoutPoll, '/api/polls/thu')).status, 404);
    });
    assert.equal((await countStoredVotes(dbPath, 'thu')).total, 1);

    await withStart({ EGOV_POLLS: writePolls([twoOptionPoll()]) }, dbPath, async (restored) => {
      assert.equal((await getPoll(restored, 'thu')).totalVotes, 1);
    });
  });

  it('reports each kind of mistake with where it is', () => {
    const valid = twoOptionPoll();
    const cases: [unknown, RegExp][] = [
      [[], /expected an object \{ "polls"/],
      [{ polls: {} }, /expected an object/],
      [{ polls: [{ ...valid, id: 'Thu' }] }, /polls\[0\]\.id must be a slug/],
      [{ polls: [{ ...valid, id: 'a/../b' }] }, /polls\[0\]\.id must be a slug/],
      [{ polls: [valid, valid] }, /poll id "thu" appears twice/],
      [{ polls: [{ ...valid, question: '  ' }] }, /polls\[0\]\.question must be a non-empty string/],
      [{ polls: [{ ...valid, multiple: 'yes' }] }, /polls\[0\]\.multiple must be true or false/],
      [{ polls: [{ ...valid, closesAt: '2018-01-31' }] }, /closesAt must be null or a date-time with a time zone/],
      [{ polls: [{ ...valid, closesAt: '2018-13-45T25:00:00Z' }] }, /closesAt must be null or a date-time/],
      [{ polls: [{ ...valid, closesat: null }] }, /polls\[0\] has an unknown field "closesat"/],
      [{ polls: [{ ...valid, options: [valid.options[0]] }] }, /options must be a list of 2 to 50 options/],
      [{ polls: [{ ...valid, options: [valid.options[0], valid.options[0]] }] }, /option id "co" appears twice/],
      [{ polls: [{ ...valid, options: [{ id: 'co', label: 'Có', seedVotes: -1 }, valid.options[1]] }] }, /seedVotes must be a whole number/],
      [{ polls: [{ ...valid, options: [{ id: 'co' }, valid.options[1]] }] }, /options\[0\]\.label must be a non-empty string/],
    ];
    for (const [data, expected] of cases) {
      assert.throws(() => parsePolls(data), expected, JSON.stringify(data));
    }
  });

  it('normalises closing times to UTC and defaults optional fields', () => {
    const [poll] = parsePolls({ polls: [{ ...twoOptionPoll(), closesAt: '2018-01-31T23:59:59+07:00', multiple: undefined }] });
    assert.equal(poll!.closesAt, '2018-01-31T16:59:59.000Z');
    assert.equal(poll!.multiple, false);
    assert.equal(poll!.closed, false);
    assert.equal(poll!.options[0]!.seedVotes, 0);
  });
});
