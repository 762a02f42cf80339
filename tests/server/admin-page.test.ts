/**
 * `/admin/` and `/admin/egov-admin.js`: served under the strict CSP of the demo pages, and a
 * clear answer when the page or its build is missing.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import path from 'node:path';
import { describe, it } from 'node:test';
import { buildApp } from '../../server/app.js';
import { readConfig } from '../../server/config.js';
import { CONTENT_SECURITY_POLICY } from '../../server/http/security-headers.js';
import { storageEnv, temporaryDatabase, temporaryFolder } from '../support/reference-server.mjs';
import { FIXTURE_POLLS } from './support.js';

async function appWith(files: { page?: string; script?: string; compressed?: boolean }) {
  const root = temporaryFolder();
  const adminDir = path.join(root, 'admin');
  const distDir = path.join(root, 'dist');
  mkdirSync(adminDir);
  mkdirSync(path.join(distDir, 'admin'), { recursive: true });
  if (files.page) writeFileSync(path.join(adminDir, 'index.html'), files.page);
  if (files.script) writeFileSync(path.join(distDir, 'admin', 'egov-admin.js'), files.script);
  // As `npm run build` writes them beside the script.
  if (files.script && files.compressed) {
    writeFileSync(path.join(distDir, 'admin', 'egov-admin.js.br'), brotliCompressSync(files.script));
    writeFileSync(path.join(distDir, 'admin', 'egov-admin.js.gz'), gzipSync(files.script));
  }
  const config = readConfig({ EGOV_POLLS: FIXTURE_POLLS, ...(await storageEnv(temporaryDatabase())), EGOV_DIST_DIR: distDir });
  return buildApp({ ...config, adminDir });
}

describe('the editors\' page', () => {
  it('serves the page with the strict CSP, and its script', async () => {
    const page = '<!doctype html><html lang="vi"><title>Quản lý bình chọn</title><script type="module" src="egov-admin.js"></script></html>';
    const app = await appWith({ page, script: 'console.log("egov-admin");\n' });
    try {
      const html = await app.inject({ url: '/admin/' });
      assert.equal(html.statusCode, 200);
      assert.equal(html.headers['content-type'], 'text/html; charset=utf-8');
      assert.equal(html.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
      assert.equal(html.body, page);
      const script = await app.inject({ url: '/admin/egov-admin.js' });
      assert.equal(script.statusCode, 200);
      assert.match(String(script.headers['content-type']), /javascript/);
      assert.equal(script.headers['cache-control'], 'no-cache');
      assert.equal(script.body, 'console.log("egov-admin");\n');
      assert.deepEqual(app.startupWarnings.filter((warning) => warning.includes('/admin/')), []);
      const bare = await app.inject({ url: '/admin' });
      assert.equal(bare.statusCode, 301);
      assert.equal(bare.headers.location, '/admin/');
    } finally {
      await app.close();
    }
  });

  it('sends its script compressed as the browser accepts, from the copies the build writes', async () => {
    const code = `console.log(${JSON.stringify('egov-admin '.repeat(500))});\n`;
    const app = await appWith({ page: '<!doctype html><title>x</title>', script: code, compressed: true });
    try {
      for (const [accepted, encoding, decode] of [
        ['gzip, deflate, br, zstd', 'br', brotliDecompressSync],
        ['gzip, deflate', 'gzip', gunzipSync],
      ] as const) {
        const script = await app.inject({ url: '/admin/egov-admin.js', headers: { 'accept-encoding': accepted } });
        assert.equal(script.statusCode, 200);
        assert.equal(script.headers['content-encoding'], encoding);
        assert.match(String(script.headers.vary), /accept-encoding/i);
        assert.equal(script.headers['cache-control'], 'no-cache');
        assert.equal(decode(script.rawPayload).toString(), code);
      }
      const plain = await app.inject({ url: '/admin/egov-admin.js', headers: { 'accept-encoding': 'identity' } });
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.equal(plain.body, code);
    } finally {
      await app.close();
    }
  });

  it('says so when the page or its build is missing', async () => {
    const app = await appWith({});
    try {
      // At start too, where the sysadmin looks (a copied install without server/admin/, no build).
      assert.deepEqual(
        app.startupWarnings.filter((warning) => warning.includes('/admin/')).map((warning) => warning.replace(/ \S+index\.html and \S+egov-admin\.js /, ' <page> and <script> ')),
        ["the editors' page /admin/ answers 503: <page> and <script> missing (copy server/admin/, run npm run build)."],
      );
      const html = await app.inject({ url: '/admin/' });
      assert.equal(html.statusCode, 503);
      assert.equal(
        html.body,
        'Trang quản lý bình chọn chưa được cài đặt (thiếu server/admin/index.html). / The poll management page is not installed (server/admin/index.html is missing).\n',
      );
      const script = await app.inject({ url: '/admin/egov-admin.js' });
      assert.equal(script.statusCode, 503);
      assert.equal(
        script.body,
        'Trang quản lý bình chọn chưa được biên dịch: hãy chạy npm run build. / The poll management page is not built yet: run npm run build.\n',
      );
    } finally {
      await app.close();
    }
  });
});
