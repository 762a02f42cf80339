/**
 * `GET /api/admin/polls/:id/results.csv`, byte by byte: UTF-8 with a BOM, CRLF, RFC 4180
 * quoting, formulas neutralised, Vietnamese intact.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type AdminClient, buildSignedInApp, expectApiError, publicVote, signedInClient } from './admin-support.js';

let app: FastifyInstance;
let editor: AdminClient;
before(async () => ({ app, editor } = await buildSignedInApp()));
after(() => app.close());

describe('results as CSV', () => {
  it('writes the header, one row per option and the total, safe for spreadsheets', async () => {
    await editor.createPoll({
      id: 'bao-cao',
      question: 'Báo cáo Ủy ban nhân dân?',
      options: [
        { id: 'co', label: 'Có, nhưng "ít"' },
        { id: 'tong', label: '=SUM(A1:A9)' },
        { id: 'dien-thoai', label: '+84 912' },
        { id: 'lenh', label: '@cmd' },
        { id: 'am', label: '-1 ngày' },
        { id: 'hai-dong', label: 'Nghỉ\r\nbù' },
        { id: 'tet', label: 'Tết Nguyên đán' },
      ],
    });
    for (const option of ['co', 'co', 'am']) assert.equal((await publicVote(app, 'bao-cao', [option])).statusCode, 201);

    const response = await editor.request('GET', '/api/admin/polls/bao-cao/results.csv');
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'text/csv; charset=utf-8');
    assert.equal(response.headers['content-disposition'], 'attachment; filename="bao-cao.csv"');
    const bytes = response.rawPayload;
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(3));
    assert.equal(
      text,
      'Phương án,Số phiếu,Tỉ lệ\r\n' +
        '"Có, nhưng ""ít""",2,"66,7%"\r\n' +
        "'=SUM(A1:A9),0,0%\r\n" +
        "'+84 912,0,0%\r\n" +
        "'@cmd,0,0%\r\n" +
        "'-1 ngày,1,\"33,3%\"\r\n" +
        '"Nghỉ\r\nbù",0,0%\r\n' +
        'Tết Nguyên đán,0,0%\r\n' +
        'Tổng số lượt bình chọn,3,\r\n',
    );
  });

  it('neutralises a formula behind spaces too (a spreadsheet may trim them on import), no-break ones included', async () => {
    const created = await editor.createPoll({
      id: 'cong-thuc',
      question: 'Công thức?',
      options: [{ id: 'mot', label: '\u00a0=1+1' }, { id: 'hai', label: '\u3000@SUM(1)' }],
    });
    const labels = created.options.map((option) => option.label);
    const lines = (await editor.request('GET', '/api/admin/polls/cong-thuc/results.csv')).body.replace(/^\uFEFF/, '').split('\r\n');
    assert.deepEqual(lines.slice(1, 3), labels.map((label) => `'${label},0,0%`));
  });

  it('writes its own words in English for ?lang=en, shares with a decimal point; the labels stay as written', async () => {
    const response = await editor.request('GET', '/api/admin/polls/bao-cao/results.csv?lang=en');
    assert.equal(response.statusCode, 200);
    const lines = response.body.replace(/^\uFEFF/, '').split('\r\n');
    assert.equal(lines[0], 'Option,Votes,Share');
    assert.equal(lines[1], '"Có, nhưng ""ít""",2,66.7%');
    assert.equal(lines[5], "'-1 ngày,1,33.3%");
    assert.equal(lines.at(-2), 'Total votes,3,');
    const vietnamese = await editor.request('GET', '/api/admin/polls/bao-cao/results.csv?lang=vi');
    assert.equal(vietnamese.body.split('\r\n')[0], '\uFEFFPhương án,Số phiếu,Tỉ lệ');
    const refused = await editor.request('GET', '/api/admin/polls/bao-cao/results.csv?lang=fr');
    expectApiError(refused, 400, 'bad_request');
    assert.match(JSON.parse(refused.body).message, /^Malformed request: query\/lang /);
  });

  it('answers 404 for an unknown poll and 401 without a session', async () => {
    expectApiError(await editor.request('GET', '/api/admin/polls/khong-co/results.csv'), 404, 'not_found');
    const stranger = await signedInClient(app);
    stranger.cookie = undefined;
    expectApiError(await stranger.request('GET', '/api/admin/polls/bao-cao/results.csv'), 401, 'unauthorized');
  });
});
