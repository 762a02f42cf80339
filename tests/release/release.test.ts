/**
 * `npm run release`: the zip a webmaster without Node takes. Checked against the built script
 * itself: its listing, the script bytes, and the SHA-384 integrity hash computed here.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { unzipSync } from 'fflate';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUNDLE = path.join(ROOT, 'dist', 'egov-widgets.js');
const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
const FOLDER = `egov-widgets-${version}`;

let out: string;
let printed: string;
let entries: Record<string, Uint8Array>;

before(() => {
  assert.ok(existsSync(BUNDLE), 'dist/egov-widgets.js is missing: run `npm run build` first');
  out = mkdtempSync(path.join(os.tmpdir(), 'egov-release-'));
  printed = execFileSync(process.execPath, ['scripts/release.mjs', '--out', out], { cwd: ROOT, encoding: 'utf8' });
  entries = unzipSync(readFileSync(path.join(out, `${FOLDER}.zip`)));
});

after(() => rmSync(out, { recursive: true, force: true }));

function text(entry: string): string {
  return Buffer.from(entries[`${FOLDER}/${entry}`]!).toString('utf8');
}

describe('npm run release', () => {
  it('zips the built scripts, the how-to page, the integrity list and the licences, in one folder', () => {
    const scripts = readdirSync(path.join(ROOT, 'dist')).filter((file) => file.endsWith('.js'));
    assert.ok(scripts.includes('egov-widgets.js'));
    const expected = [...scripts, 'huong-dan-how-to-embed.html', 'integrity.txt', 'LICENSE.txt'].map((file) => `${FOLDER}/${file}`);
    assert.deepEqual(Object.keys(entries).sort(), expected.sort());
    assert.ok(Buffer.from(entries[`${FOLDER}/egov-widgets.js`]!).equals(readFileSync(BUNDLE)), 'the script as built');
  });

  it('gives the kit’s licence and those of the packages its scripts carry (Lit, DOMPurify)', () => {
    const licences = text('LICENSE.txt');
    assert.ok(licences.startsWith(`egov-widgets ${version}\n\nMIT License\n`), licences.slice(0, 80));
    for (const [dependency, licence, words] of [
      ['lit', 'BSD-3-Clause', 'BSD 3-Clause'],
      ['lit-html', 'BSD-3-Clause', 'BSD 3-Clause'],
      ['lit-element', 'BSD-3-Clause', 'BSD 3-Clause'],
      ['@lit/reactive-element', 'BSD-3-Clause', 'BSD 3-Clause'],
      ['dompurify', '(MPL-2.0 OR Apache-2.0)', 'Apache License'],
    ]) {
      const { version: itsVersion } = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', dependency!, 'package.json'), 'utf8')) as { version: string };
      const at = licences.indexOf(`\n${dependency} ${itsVersion} — ${licence}\n`);
      assert.ok(at > 0, `${dependency} is named`);
      assert.ok(licences.slice(at).includes(words!), `${dependency}: its licence's text`);
    }
  });

  it('gives the SHA-384 integrity of the built script in the list, the page and the output', () => {
    const integrity = `sha384-${createHash('sha384').update(readFileSync(BUNDLE)).digest('base64')}`;
    assert.match(text('integrity.txt'), new RegExp(`^${escapeRegExp(integrity)}  egov-widgets\\.js$`, 'm'));
    assert.ok(printed.includes(`egov-widgets.js: integrity="${integrity}"`), printed);
    const page = text('huong-dan-how-to-embed.html');
    // Shown as text to copy, hence escaped.
    assert.ok(page.includes(`integrity=&quot;${integrity}&quot; crossorigin=&quot;anonymous&quot;`));
  });

  it('explains the embedding in Vietnamese and English, with the npm CDN address of this version', () => {
    const page = text('huong-dan-how-to-embed.html');
    assert.match(page, /<section lang="vi">[\s\S]*Hướng dẫn nhúng[\s\S]*<\/section>/);
    assert.match(page, /<section lang="en">[\s\S]*How to embed[\s\S]*<\/section>/);
    assert.ok(page.includes(`https://cdn.jsdelivr.net/npm/egov-widgets@${version}/dist/egov-widgets.js`));
    // English pages: the English texts with the main script (tests/e2e/english.test.ts checks the line works).
    assert.ok(page.includes(`&lt;link rel=&quot;preload&quot; href=&quot;/js/egov-widgets-${version}/egov-messages-en.js&quot; as=&quot;script&quot;&gt;`));
    // A folder per version, so that an upgrade never meets a reader's cached copy under a new hash.
    assert.ok(page.includes(`&lt;script src=&quot;/js/egov-widgets-${version}/egov-widgets.js&quot;`));
    assert.match(page, /<section lang="vi">[\s\S]*Đừng chép đè tệp mới lên địa chỉ\s+cũ[\s\S]*<\/section>/);
    assert.match(page, /<section lang="en">[\s\S]*Do not copy new files over the\s+old address[\s\S]*<\/section>/);
    // The snippet is shown as text, not as a script the page would run.
    assert.doesNotMatch(page, /<script/);
  });
});

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
