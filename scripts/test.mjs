// `npm test`: every check, in the order a failure is cheapest to find. `npm test -- <step>…`
// runs only the named steps (typecheck, lint, unit, build, components, server, server-pg, release, e2e).
// A step that package.json already names (typecheck, lint, build) runs that script, so its command
// is written once.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { findChrome } from './chrome.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);

/** The `*.test.ts` files of a folder (Node 20's test runner takes no globs). */
const testFiles = (folder) =>
  readdirSync(join(root, folder))
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => join(folder, name));

/** `npm run <script>` of package.json, through the npm that runs this file when there is one. */
const npmRun = (script) =>
  process.env.npm_execpath
    ? [process.execPath, process.env.npm_execpath, 'run', script]
    : ['npm', 'run', script];

/**
 * `node --test` on a folder's files, `concurrency` files at a time. The server suites run two at a
 * time: most of their time is waiting on child processes, sockets and fsync, not CPU.
 */
const nodeTests = (folder, concurrency = 1) => [
  process.execPath, '--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...testFiles(folder),
];

const STEPS = {
  typecheck: npmRun('typecheck'),
  lint: npmRun('lint'),
  unit: nodeTests('tests/unit'),
  build: npmRun('build'),
  components: [bin('wtr'), '--config', 'web-test-runner.config.mjs'],
  server: nodeTests('tests/server', 2),
  // The same server suite on a real PostgreSQL, started once for the step (tests/support/postgres.mjs).
  'server-pg': [process.execPath, 'tests/support/postgres.mjs', ...nodeTests('tests/server', 2)],
  release: nodeTests('tests/release'),
  e2e: nodeTests('tests/e2e'),
};

const wanted = process.argv.slice(2);
const steps = wanted.length ? wanted : Object.keys(STEPS);
const unknown = steps.filter((step) => !(step in STEPS));
if (unknown.length) {
  console.error(`Unknown step(s): ${unknown.join(', ')}. Steps: ${Object.keys(STEPS).join(', ')}`);
  process.exit(2);
}

if (steps.some((step) => step === 'components' || step === 'e2e')) {
  process.env.CHROME_PATH = findChrome();
  console.log(`Chromium: ${process.env.CHROME_PATH}`);
}

const results = [];
for (const step of steps) {
  const [command, ...args] = STEPS[step];
  console.log(`\n=== ${step} ===`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  results.push({ step, ok: status === 0, seconds: (Date.now() - started) / 1000 });
  if (status !== 0) break;
}

console.log('\n=== summary ===');
for (const { step, ok, seconds } of results) console.log(`${ok ? 'ok  ' : 'FAIL'} ${step} (${seconds.toFixed(1)} s)`);
const failed = results.filter((result) => !result.ok).length;
const skipped = steps.length - results.length;
console.log(`steps: ${results.length - failed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
