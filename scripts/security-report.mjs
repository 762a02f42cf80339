// `npm run security-report`: runs the tests that measure SECURITY.md's promises and rewrites its
// table from the figure lines they print (`figure: <name>: <text>`), so the table says what the
// last run measured and nothing else. A promise whose tests printed no figure leaves the table
// (it is listed under the table as checked without a figure); a run that fails changes nothing.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChrome } from './chrome.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const FIGURE = /figure: ([^:\n]+): (.+)$/;

/** Each promise of SECURITY.md, the tests that check it and the figures they print. */
const ROWS = [
  { promise: 'Untrusted article HTML never runs or survives', tests: ['tests/article-view/sanitize.test.ts'], figures: ['xss'] },
  { promise: '… also under the page’s CSP', tests: ['tests/e2e/csp.test.ts'], figures: ['csp xss native', 'csp xss fallback'] },
  { promise: 'Only http(s) web links', tests: ['tests/web-links/opening-links.test.ts'], figures: ['web links'] },
  { promise: 'Every remote failure explained, retry works', tests: ['tests/hardening/faults.test.ts'], figures: ['faults'] },
  { promise: 'No remote data waits more than 10 s', tests: ['tests/hardening/timeout.test.ts'], figures: ['timeout'] },
  { promise: 'Hostile page CSS', tests: ['tests/hardening/hostile-page.test.ts'], figures: ['hostile css'] },
  {
    promise: 'Replaced or missing `fetch`',
    tests: ['tests/hardening/replaced-fetch.test.ts', 'tests/hardening/missing-fetch.test.ts'],
    figures: ['hostile fetch', 'missing fetch'],
  },
  { promise: 'Polluted `Object.prototype`', tests: ['tests/hardening/polluted-prototype.test.ts'], figures: ['hostile prototype'] },
  { promise: 'A tag taken by the page', tests: ['tests/hardening/predefined-tag.test.ts'], figures: ['hostile tag'] },
  { promise: 'Two copies, two versions', tests: ['tests/bundle/bundle.test.ts'], figures: ['bundle'] },
  { promise: 'Strict CSP + Trusted Types', tests: ['tests/e2e/csp.test.ts'], figures: ['csp pages'] },
  { promise: 'Accessible in every state', tests: ['tests/hardening/a11y.test.ts'], figures: ['a11y'] },
  { promise: 'Poll API never 5xx, never miscounts', tests: ['tests/server/fuzz.test.ts'], figures: ['fuzz'] },
  { promise: 'No acknowledged vote lost, none doubled', tests: ['tests/server/crash-recovery.test.ts'], figures: ['crash', 'crash 409'] },
  { promise: 'A 201 only once the vote is on disk', tests: ['tests/server/durability-settings.test.ts'], figures: ['durability'] },
  { promise: 'Concurrent votes counted exactly', tests: ['tests/server/concurrency.test.ts'], figures: ['concurrency'] },
  { promise: 'Hostile request bodies', tests: ['tests/server/hostile-bodies.test.ts'], figures: [] },
  { promise: 'Bad start-up state is loud', tests: ['tests/server/startup-config.test.ts', 'tests/server/startup-polls-file.test.ts', 'tests/server/startup-database.test.ts'], figures: [] },
];

const tests = [...new Set(ROWS.flatMap((row) => row.tests))];
const inBrowser = tests.filter((file) => !file.startsWith('tests/server/') && !file.startsWith('tests/e2e/'));
const inNode = tests.filter((file) => !inBrowser.includes(file));
process.env.CHROME_PATH = findChrome();

/** Runs a command, echoing its output, and returns that output; stops everything if it fails. */
function run(command, args) {
  console.log(`\n=== ${[command, ...args].map((arg) => arg.replace(root, '')).join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, env: process.env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  if (result.status !== 0) {
    console.error('\nA test failed: SECURITY.md is left as it was.');
    process.exit(1);
  }
  return `${result.stdout}\n${result.stderr}`;
}

const output = [
  run(process.execPath, ['scripts/build.mjs']),
  run(bin('wtr'), ['--config', 'web-test-runner.config.mjs', '--files', ...inBrowser]),
  run(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...inNode]),
].join('\n');

const figures = new Map();
for (const line of output.split('\n')) {
  const match = FIGURE.exec(line.trim());
  if (match) figures.set(match[1].trim(), match[2].trim());
}

const code = (text) => `\`${text.replace(/`/g, "'")}\``;
const measured = [];
const unmeasured = [];
for (const row of ROWS) {
  const found = row.figures.filter((name) => figures.has(name)).map((name) => code(`${name}: ${figures.get(name)}`));
  const tested = row.tests.map((file) => `\`${file}\``).join(', ');
  if (found.length) measured.push(`| ${row.promise} | ${tested} | ${found.join('; ')} |`);
  else unmeasured.push(`- ${row.promise}: ${tested}`);
}
const unknown = [...figures.keys()].filter((name) => !ROWS.some((row) => row.figures.includes(name)));
if (unknown.length) console.warn(`Figures printed that no row shows: ${unknown.join(', ')}`);

const day = new Date().toISOString().slice(0, 10);
const section = [
  '## Tests and their last figures',
  '',
  `Written by \`npm run security-report\` from the run of ${day}: each figure is the line its test`,
  'printed (`figure: <name>: …`), word for word. Rerun it to check.',
  '',
  '| Promise | Test | Last figure |',
  '| --- | --- | --- |',
  ...measured,
  '',
  ...(unmeasured.length ? ['Checked by tests that print no figure (they pass or fail, nothing to count):', '', ...unmeasured, ''] : []),
].join('\n');

const file = join(root, 'SECURITY.md');
const text = readFileSync(file, 'utf8');
const start = text.indexOf('## Tests and their last figures');
const end = text.indexOf('\n## ', start + 1);
if (start < 0 || end < 0) throw new Error('SECURITY.md has no "## Tests and their last figures" section followed by another');
writeFileSync(file, `${text.slice(0, start)}${section}\n${text.slice(end + 1)}`);
console.log(`\nSECURITY.md: ${measured.length} promises with their figures, ${unmeasured.length} without.`);
