// One source for the version: package.json, read here from disk, and what each build says.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Browser } from 'puppeteer-core';
import { launchBrowser } from './browser.js';

const packageVersion: string = JSON.parse(readFileSync('package.json', 'utf8')).version;

describe('the version', () => {
  let browser: Browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  it("is package.json's in window.egovWidgets.version, from the built main script", async () => {
    const page = await browser.newPage();
    try {
      await page.addScriptTag({ content: readFileSync('dist/egov-widgets.js', 'utf8') });
      const version = await page.evaluate(() => (window as unknown as { egovWidgets?: { version: string } }).egovWidgets?.version);
      assert.equal(version, packageVersion);
    } finally {
      await page.close();
    }
  });

  it("is package.json's in the ES modules (VERSION)", async () => {
    // A URL, not a literal path: the type check runs before dist/ is built.
    const esmModule = new URL('../../dist/esm/shared/version.js', import.meta.url).href;
    const { VERSION } = (await import(esmModule)) as { VERSION: string };
    assert.equal(VERSION, packageVersion);
  });
});
