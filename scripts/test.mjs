// `npm test`: every check, in the order a failure is cheapest to find. `npm test -- <step>…`
// runs only the named steps (typecheck, lint, unit, build, components, server, server-pg, release, e2e).
// A step that package.json already names (typecheck, lint, build) runs that script, so its command
// is written once.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
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

/**
 * The server test files with a test that runs on PostgreSQL: all but those whose every test is
 * declared SQLite-only at the top of the file (`describe(…, sqliteOnly(…), …)`, skipped on
 * PostgreSQL: a test of the file itself, or of what storage does not reach). Read from the files'
 * syntax, so that a new file, or a test not so declared (also one written in a loop or a block),
 * runs on PostgreSQL too; leaving a file out saves only the start of a process whose tests would all skip.
 */
async function postgresTestFiles(folder) {
  const { default: ts } = await import('typescript');
  const isTest = (node) => ts.isCallExpression(node) && ts.isIdentifier(node.expression) && ['describe', 'it', 'test'].includes(node.expression.text);
  const hasTest = (node) => isTest(node) || ts.forEachChild(node, hasTest) === true;
  const sqliteOnly = (statement) =>
    ts.isExpressionStatement(statement) && isTest(statement.expression) &&
    statement.expression.arguments.some((argument) =>
      [argument, ...(ts.isObjectLiteralExpression(argument) ? argument.properties.map((property) => property.expression) : [])]
        .some((node) => node && ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'sqliteOnly'));
  return testFiles(folder).filter((file) => {
    const source = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest);
    const tests = source.statements.filter(hasTest);
    return tests.length === 0 || !tests.every(sqliteOnly);
  });
}

/** `npm run <script>` of package.json, through the npm that runs this file when there is one. */
const npmRun = (script) =>
  process.env.npm_execpath
    ? [process.execPath, process.env.npm_execpath, 'run', script]
    : ['npm', 'run', script];

/**
 * `node --test` on a folder's files, `concurrency` files at a time. The server suites run two at a
 * time: most of their time is waiting on child processes, sockets and fsync, not CPU.
 */
const nodeTests = (folder, concurrency = 1, files = testFiles(folder)) => [
  process.execPath, '--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...files,
];

const STEPS = {
  typecheck: npmRun('typecheck'),
  lint: npmRun('lint'),
  unit: nodeTests('tests/unit'),
  build: npmRun('build'),
  components: [bin('wtr'), '--config', 'web-test-runner.config.mjs'],
  server: nodeTests('tests/server', 2),
  // The same server suite on a real PostgreSQL, started once for the step (tests/support/postgres.mjs),
  // without the files whose every test is SQLite-only (postgresTestFiles).
  'server-pg': async () => [process.execPath, 'tests/support/postgres.mjs', ...nodeTests('tests/server', 2, await postgresTestFiles('tests/server'))],
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

/**
 * Runs one step, its output shown as it comes and kept, so that the summary can say again which
 * tests failed (wtr reports a failure in the middle of its output, under its file's name; a log
 * that keeps only the end would otherwise lose it).
 */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['inherit', 'pipe', 'pipe'], env: process.env });
    let output = '';
    const keep = (stream, into) => stream.setEncoding('utf8').on('data', (chunk) => {
      into.write(chunk);
      output = (output + chunk).slice(-4_000_000);
    });
    keep(child.stdout, process.stdout);
    keep(child.stderr, process.stderr);
    child.on('error', (error) => resolve({ status: 1, output: `${output}\n✖ ${command}: ${error.message}` }));
    child.on('close', (status) => resolve({ status, output }));
    // A process the step left behind may hold its output open: the step is over when it exits.
    child.on('exit', (status) => setTimeout(() => resolve({ status, output }), 5_000).unref());
  });
}

/** The failures in a step's output: wtr's `❌` and node's `not ok`/`✖` lines, each with what follows. */
function failuresIn(output) {
  // eslint-disable-next-line no-control-regex -- the terminal's colour and cursor codes, left out
  const lines = output.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').split('\n');
  const excerpt = [];
  lines.forEach((line, index) => {
    if (/^\s*(❌|not ok \d|✖ (?!failing tests))/.test(line)) excerpt.push(...lines.slice(index, index + 12), '');
  });
  return excerpt.slice(0, 200);
}

const results = [];
for (const step of steps) {
  const [command, ...args] = typeof STEPS[step] === 'function' ? await STEPS[step]() : STEPS[step];
  console.log(`\n=== ${step} ===`);
  const started = Date.now();
  const { status, output } = await run(command, args);
  results.push({ step, ok: status === 0, seconds: (Date.now() - started) / 1000, output });
  if (status !== 0) break;
}

console.log('\n=== summary ===');
for (const { step, ok, seconds, output } of results) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${step} (${seconds.toFixed(1)} s)`);
  if (!ok) console.log(failuresIn(output).map((line) => `     ${line}`).join('\n'));
}
const failed = results.filter((result) => !result.ok).length;
const skipped = steps.length - results.length;
console.log(`steps: ${results.length - failed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
