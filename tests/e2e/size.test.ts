// What a reader downloads: the built main script, gzip level 9 (deterministic for a given file),
// stays within its budget with every widget of the kit, and so does each on-demand part beside it
// (src/shared/load-part.ts); DOMPurify is only in the fallback part, the open web-links list only
// in its own, the sanitizer of remote article bodies, the article's read aloud and print and the
// English messages only in theirs. Here rather than in tests/bundle/: the component test server
// rewrites the .js files it serves, so only Node sees the built bytes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

/**
 * The main script's budget in bytes, gzip level 9 (Node's zlib, as the bench measures): 27 KB
 * with every widget. The six widgets weighed 34,101 bytes, then 31,379 once the open web-links
 * list became an on-demand part, 30,060 once the article's read aloud and print and the English
 * messages did, and 27,466 once the sanitizer of remote article bodies did.
 * `node bench/parts.mjs` shows where the bytes are, in each file.
 */
const MAIN_SCRIPT_BUDGET = 27 * 1024;
/** The web-links list part (its code, its styles), loaded once a reader comes to the box: measured, + 100 bytes. */
const WEB_LINKS_LIST_BUDGET = 4_313 + 100;
/** The sanitizer of remote article bodies, loaded as the article's JSON is: measured, + 100 bytes. */
const SANITIZE_BUDGET = 3_165 + 100;
/** The chunk-marks part (the scan before parsing of a body over 500,000 characters): measured, + 100 bytes. */
const CHUNK_MARKS_BUDGET = 1_423 + 100;
/** The article's actions part (read aloud, print), loaded once a reader comes to the toolbar: measured, + 100 bytes. */
const ARTICLE_ACTIONS_BUDGET = 940 + 100;
/** The English messages (every table's, and the months), loaded when a widget on the page speaks English: measured, + 100 bytes. */
const MESSAGES_EN_BUDGET = 1_701 + 100;

const gzipSize = (text: string) => gzipSync(text, { level: 9 }).length;
const main = readFileSync('dist/egov-widgets.js', 'utf8');
const fallback = readFileSync('dist/egov-sanitizer-fallback.js', 'utf8');
const webLinksList = readFileSync('dist/egov-web-links-list.js', 'utf8');
const sanitizer = readFileSync('dist/egov-sanitize.js', 'utf8');
const chunkMarks = readFileSync('dist/egov-chunk-marks.js', 'utf8');
const articleActions = readFileSync('dist/egov-article-actions.js', 'utf8');
const messagesEn = readFileSync('dist/egov-messages-en.js', 'utf8');

describe('the size of what a reader downloads', () => {
  it(`keeps the main script within ${MAIN_SCRIPT_BUDGET} bytes gzip`, () => {
    const size = gzipSize(main);
    assert.ok(size <= MAIN_SCRIPT_BUDGET, `${size} bytes gzip`);
  });

  it(`keeps the web-links list part within ${WEB_LINKS_LIST_BUDGET} bytes gzip`, () => {
    const size = gzipSize(webLinksList);
    assert.ok(size <= WEB_LINKS_LIST_BUDGET, `${size} bytes gzip`);
  });

  it(`keeps the sanitizer's part within ${SANITIZE_BUDGET} bytes gzip`, () => {
    const size = gzipSize(sanitizer);
    assert.ok(size <= SANITIZE_BUDGET, `${size} bytes gzip`);
  });

  it('leaves the sanitizer of remote article bodies out of the main script, in its part beside it', () => {
    // The native sanitizer's call, the kit's URL rules and the chunking of the parsed body are the part's alone.
    for (const text of ['setHTML', 'formaction', 'createRange']) {
      assert.ok(!main.includes(text), `${text} is in the main script`);
      assert.ok(sanitizer.includes(text), `${text} is not in the part`);
    }
  });

  it(`keeps the chunk-marks part within ${CHUNK_MARKS_BUDGET} bytes gzip`, () => {
    const size = gzipSize(chunkMarks);
    assert.ok(size <= CHUNK_MARKS_BUDGET, `${size} bytes gzip`);
  });

  it(`keeps the article's actions part within ${ARTICLE_ACTIONS_BUDGET} bytes gzip`, () => {
    const size = gzipSize(articleActions);
    assert.ok(size <= ARTICLE_ACTIONS_BUDGET, `${size} bytes gzip`);
  });

  it('leaves the article’s read aloud and print out of the main script, in their part beside it', () => {
    // Speaking and the print-only stylesheet's marks are the part's alone.
    for (const text of ['SpeechSynthesisUtterance(', 'data-egov-print-path', '.print()']) {
      assert.ok(!main.includes(text), `${text} is in the main script`);
      assert.ok(articleActions.includes(text), `${text} is not in the part`);
    }
  });

  it(`keeps the English messages' part within ${MESSAGES_EN_BUDGET} bytes gzip`, () => {
    const size = gzipSize(messagesEn);
    assert.ok(size <= MESSAGES_EN_BUDGET, `${size} bytes gzip`);
  });

  it('leaves the English messages out of the main script, in their part beside it', () => {
    // A message of each table (the shared one, the six widgets'), and a month.
    for (const text of ['Try again', 'See results', 'Reading tools', 'Choose a link', 'Responsible for content', 'Open the video', 'Previous banner', 'September']) {
      assert.ok(!main.includes(text), `${text} is in the main script`);
      assert.ok(messagesEn.includes(text), `${text} is not in the part`);
    }
    // The Vietnamese stays.
    assert.ok(main.includes('Thử lại'));
  });

  it('leaves the scan of long bodies out of the main script, in its part beside it', () => {
    // The comment's end as the tokenizer reads it (`--!>` ends one too): the scan's alone.
    assert.ok(!main.includes('--!?>'), 'the scan is in the main script');
    assert.ok(chunkMarks.includes('--!?>'), 'the scan is not in the part');
  });

  it('leaves DOMPurify out of the main script, in the fallback file beside it', () => {
    assert.ok(!main.includes('DOMPurify'));
    assert.ok(fallback.includes('DOMPurify'));
  });

  it('leaves the open web-links list out of the main script, in its part beside it', () => {
    // The listbox, its window of rows and the drop-down's placement are the part's alone.
    for (const text of ['role="listbox"', 'ResizeObserver', 'showPopover']) {
      assert.ok(!main.includes(text), `${text} is in the main script`);
      assert.ok(webLinksList.includes(text), `${text} is not in the part`);
    }
  });

  it('ships its styles and templates minified', () => {
    assert.ok(main.includes(':host{display:block;'));
    assert.doesNotMatch(main, /\n {2,}/);
    assert.ok(!main.includes('<!--'), 'an HTML comment of a template is left in');
  });
});
