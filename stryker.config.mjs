// Mutation testing (`npm run mutation`, not part of `npm test`): StrykerJS breaks the pure modules
// one small change at a time and runs their Node unit tests (tests/unit/, node:test through tsx,
// one file per process with the tap runner); a mutant no test notices is a hole in the tests.
// The survivors that cannot be killed, and why, are listed in tests/unit/README.md.
// Two sets, because the network modules' tests wait out real back-offs and timeouts (seconds per
// run, for each mutant): `npm run mutation` mutates the pure modules, `MUTATE=network npm run
// mutation` fetch-json.ts and cast-vote.ts. Each set runs only its own tests.
const SETS = {
  pure: {
    mutate: ['src/web-links/fold.ts', 'src/web-links/links.ts', 'src/shared/safe-url.ts', 'src/agency-footer/contact.ts', 'src/shared/validate.ts', 'src/shared/i18n.ts'],
    testFiles: ['tests/unit/fold.test.ts', 'tests/unit/links.test.ts', 'tests/unit/contact.test.ts', 'tests/unit/validate.test.ts', 'tests/unit/i18n.test.ts'],
  },
  network: {
    mutate: ['src/shared/fetch-json.ts', 'src/poll/cast-vote.ts'],
    testFiles: ['tests/unit/fetch-json.test.ts', 'tests/unit/cast-vote.test.ts'],
  },
};
const set = SETS[process.env.MUTATE ?? 'pure'];
if (!set) throw new Error(`MUTATE must be one of ${Object.keys(SETS).join(', ')}`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  plugins: ['@stryker-mutator/tap-runner'],
  testRunner: 'tap',
  tap: { testFiles: set.testFiles, nodeArgs: ['--import', 'tsx'] },
  mutate: set.mutate,
  coverageAnalysis: 'perTest',
  // Two shared cores.
  concurrency: 2,
  timeoutMS: 20_000,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: `reports/mutation/${process.env.MUTATE ?? 'pure'}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['dist', 'screenshots', 'reports', 'data', '.wtr-cache', 'bench/results.json'],
  thresholds: { high: 90, low: 85, break: null },
};
