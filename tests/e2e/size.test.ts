// What a reader downloads: the built main script, gzip level 9 (deterministic for a given file),
// stays within its budget with every widget of the kit, and so does each on-demand part beside it
// (src/shared/load-part.ts); what each part does is in that part only, not in the main script.
// Here rather than in tests/bundle/: the component test server rewrites the .js files it serves,
// so only Node sees the built bytes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { PART_SCRIPT } from '../../src/shared/trusted-types.js';

/**
 * The main script's budget in bytes, gzip level 9 (Node's zlib, as the bench measures): 27 KB
 * with every widget. The six widgets weighed 34,101 bytes, then 31,379 once the open web-links
 * list became an on-demand part, 30,060 once the article's read aloud and print and the English
 * messages did, and 27,551 once the sanitizer of remote article bodies did.
 * `node bench/parts.mjs` shows where the bytes are, in each file.
 */
const MAIN_SCRIPT_BUDGET = 27 * 1024;

interface Part {
  /** The file beside the main script. */
  file: string;
  /** What it is, as the tests name it. */
  what: string;
  /** Its budget in bytes gzip: measured, + 100 (none for DOMPurify's, which the kit does not write). */
  budget?: number;
  /** Texts that only this part's code has. */
  own: string[];
}

const PARTS: Part[] = [
  // The listbox, its window of rows, the drop-down's placement, and what the open list says (in both languages).
  { file: 'egov-web-links-list.js', what: 'the open web-links list', budget: 4_763 + 100, own: ['role="listbox"', 'showPopover', 'Không tìm thấy liên kết nào'] },
  // The native sanitizer's call, the kit's URL rules, the chunking of the parsed body; since the
  // fourteenth session also the open elements the pre-parse step follows (formatting tags closed
  // past a budget, end tags by name), the table boxes that are regions only while they scroll, and
  // the attributes both sanitizers drop (3,359 → 3,827); since the fifteenth, a table box that comes
  // to fit while it has the focus stays a stop until the focus leaves (3,873 → 3,930).
  { file: 'egov-sanitize.js', what: 'the sanitizer of remote article bodies', budget: 3_930 + 100, own: ['setHTML', 'formaction', 'createRange'] },
  // The comment's end as the tokenizer reads it (`--!>` ends one too). Since the fourteenth session
  // also the scan that closes unclosed paragraphs and items as the parser does (1,485 → 1,964).
  { file: 'egov-chunk-marks.js', what: 'the scan of long bodies before parsing', budget: 1_964 + 100, own: ['--!?>'] },
  // Speaking, and the print-only stylesheet's marks.
  { file: 'egov-article-actions.js', what: 'the article’s read aloud and print', budget: 1_007 + 100, own: ['SpeechSynthesisUtterance(', 'data-egov-print-path', '.print()'] },
  // A message of each table (the shared one, the six widgets'), and a month.
  {
    file: 'egov-messages-en.js',
    what: 'the English messages',
    budget: 1_650 + 100,
    own: ['Try again', 'See results', 'Reading tools', 'Choose a link', 'Responsible for content', 'Open the video', 'Previous banner', 'September'],
  },
  { file: 'egov-sanitizer-fallback.js', what: 'DOMPurify', own: ['DOMPurify'] },
];

const gzipSize = (text: string) => gzipSync(text, { level: 9 }).length;
const read = (file: string) => readFileSync(`dist/${file}`, 'utf8');
const main = read('egov-widgets.js');

describe('the size of what a reader downloads', () => {
  it(`keeps the main script within ${MAIN_SCRIPT_BUDGET} bytes gzip`, () => {
    const size = gzipSize(main);
    assert.ok(size <= MAIN_SCRIPT_BUDGET, `${size} bytes gzip`);
  });

  for (const { file, what, budget, own } of PARTS) {
    if (budget) {
      it(`keeps ${file} (${what}) within ${budget} bytes gzip`, () => {
        const size = gzipSize(read(file));
        assert.ok(size <= budget, `${size} bytes gzip`);
      });
    }

    it(`leaves ${what} out of the main script, in ${file} beside it`, () => {
      const part = read(file);
      for (const text of own) {
        assert.ok(!main.includes(text), `${text} is in the main script`);
        assert.ok(part.includes(text), `${text} is not in ${file}`);
      }
    });
  }

  it('knows every part the build wrote, each one a file the Trusted Types policy lets through', () => {
    const built = readdirSync('dist').filter((file) => /^egov-.+\.js$/.test(file) && file !== 'egov-widgets.js');
    assert.deepEqual(built.sort(), PARTS.map(({ file }) => file).sort());
    for (const file of built) assert.ok(PART_SCRIPT.test(`https://cdn.example.gov.vn/js/${file}`), `${file} is refused by the policy`);
    assert.ok(!PART_SCRIPT.test('https://cdn.example.gov.vn/js/egov-other.js'), 'another file is let through');
  });

  it('keeps the Vietnamese messages in the main script', () => {
    assert.ok(main.includes('Thử lại'));
  });

  it('ships its styles and templates minified', () => {
    assert.ok(main.includes(':host{display:block;'));
    assert.doesNotMatch(main, /\n {2,}/);
    assert.ok(!main.includes('<!--'), 'an HTML comment of a template is left in');
  });
});
