/**
 * What the public API's test files share (api-*.test.ts): a site folder to serve, the allowed
 * origin, and the checks of an error body and a poll body.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { temporaryFolder } from '../support/reference-server.mjs';
import { type ErrorBody, FIXTURE_POLLS, type PollBody } from './support.js';

export const ALLOWED_ORIGIN = 'https://portal.example.gov.vn';

/**
 * A demo folder, a dist folder and articles, written fresh so no broken file lives in the
 * repo, and the server settings that serve them (removed when the test process exits).
 */
export function siteEnv(): Record<string, string> {
  const root = temporaryFolder();
  for (const folder of ['demo', 'dist', 'dist/admin', 'articles']) mkdirSync(path.join(root, folder));
  writeFileSync(path.join(root, 'demo', 'index.html'), '<!doctype html><html lang="vi"><title>Cổng thông tin</title><p>Trang chủ</p></html>');
  writeFileSync(path.join(root, 'demo', 'playground.html'), '<!doctype html><html lang="vi"><title>Sân chơi</title></html>');
  writeFileSync(path.join(root, 'demo', '.hidden'), 'not for the web');
  writeFileSync(path.join(root, 'dist', 'egov-widgets.js'), 'console.log("egov-widgets");\n');
  writeFileSync(path.join(root, 'dist', 'admin', 'egov-admin.js'), 'console.log("egov-admin");\n');
  writeFileSync(
    path.join(root, 'articles', 'bai-mau.json'),
    JSON.stringify({ heading: 'Bài mẫu', published: '2018-05-11', author: 'Quang Sơn', body: '<p>Nội dung</p>' }),
  );
  writeFileSync(path.join(root, 'articles', 'hong.json'), '{ "heading": "cut short", ');
  writeFileSync(path.join(root, 'secret.json'), '{"secret": true}');
  return {
    EGOV_POLLS: FIXTURE_POLLS,
    EGOV_ARTICLES: path.join(root, 'articles'),
    EGOV_DEMO_DIR: path.join(root, 'demo'),
    EGOV_DIST_DIR: path.join(root, 'dist'),
    // The trailing slash checks that entries are normalised to origins.
    EGOV_ALLOWED_ORIGINS: `${ALLOWED_ORIGIN}, http://localhost:3000/`,
  };
}

export async function expectError(response: Response, status: number, code: string): Promise<ErrorBody> {
  const text = await response.text();
  assert.equal(response.status, status, `status of ${text}`);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json; charset=utf-8/);
  const body = JSON.parse(text) as ErrorBody;
  assert.equal(body.error, code, text);
  assert.equal(typeof body.message, 'string');
  assert.ok(body.message.length > 0);
  return body;
}

export function assertPollShape(poll: PollBody): void {
  assert.deepEqual(Object.keys(poll).sort(), ['closed', 'closesAt', 'id', 'multiple', 'options', 'question', 'totalVotes']);
  for (const option of poll.options) assert.deepEqual(Object.keys(option).sort(), ['id', 'label', 'votes']);
}
