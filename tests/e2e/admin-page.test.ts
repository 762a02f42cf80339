// The built editors' page (server/admin/index.html + dist/admin/egov-admin.js) under the reference
// server's strict Content-Security-Policy with Trusted Types: it renders in Vietnamese, switches to
// English, and nothing is blocked. It does not depend on the admin API's answers (the page shows
// the sign-in form or, without the API, the server's error), only on the page and its script.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../server/http/security-headers.js';
import { pageHealth, recordPageHealth, useServerAndBrowser } from './browser.js';

describe('the editors’ page under strict CSP with Trusted Types', () => {
  let folder: string;

  before(async () => {
    // The page and its script where the server serves them: /admin/ and /admin/egov-admin.js.
    folder = mkdtempSync(path.join(os.tmpdir(), 'egov-admin-'));
    mkdirSync(path.join(folder, 'admin'));
    copyFileSync('server/admin/index.html', path.join(folder, 'admin', 'index.html'));
    copyFileSync('dist/admin/egov-admin.js', path.join(folder, 'admin', 'egov-admin.js'));
  });
  const setup = useServerAndBrowser({ env: () => ({ EGOV_DEMO_DIR: folder }) });

  after(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('keeps the readers’ bundle free of the editors’ page', () => {
    const readers = readFileSync('dist/egov-widgets.js', 'utf8');
    assert.equal(readers.includes('egov-admin'), false);
    assert.equal(readFileSync('dist/admin/egov-admin.js', 'utf8').includes('egov-admin-poll-form'), true);
  });

  it('renders in Vietnamese, switches to English and remembers it, with no violation and no uncaught error', async () => {
    const context = await setup.browser.createBrowserContext();
    const page = await context.newPage();
    const uncaught: string[] = [];
    page.on('pageerror', (error) => uncaught.push(String(error)));
    await recordPageHealth(page);
    const response = await page.goto(`${setup.server.url}/admin/`, { waitUntil: 'networkidle0' });
    assert.equal(response?.headers()['content-security-policy'], CONTENT_SECURITY_POLICY);
    const heading = () => page.$eval('egov-admin >>> h1', (h1) => h1.textContent?.trim());
    assert.equal(await heading(), 'Quản lý bình chọn');
    assert.equal(await page.title(), 'Quản lý bình chọn');

    await page.click('egov-admin >>> button[lang="en"]');
    await page.waitForFunction(() => document.title === 'Poll management', { polling: 100 });
    assert.equal(await heading(), 'Poll management');
    assert.equal(await page.$eval('html', (html) => html.lang), 'en');

    // The choice is remembered: the page opens in English again, until Tiếng Việt is chosen.
    await page.reload({ waitUntil: 'networkidle0' });
    await page.waitForFunction(() => document.title === 'Poll management', { polling: 100 });
    assert.equal(await heading(), 'Poll management');
    await page.click('egov-admin >>> button[lang="vi"]');
    await page.reload({ waitUntil: 'networkidle0' });
    await page.waitForFunction(() => document.title === 'Quản lý bình chọn', { polling: 100 });
    assert.equal(await page.$eval('html', (html) => html.lang), 'vi');

    assert.deepEqual((await pageHealth(page)).cspViolations, []);
    assert.deepEqual(uncaught, []);
    await context.close();
  });
});
