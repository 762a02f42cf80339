// A Web Test Runner reporter that prints, at the end of a run, how long each test file took: from
// the moment its page started loading to its last test (wall), and the sum of its tests' own
// durations. The difference is what the file's page load cost. Slowest first. Turned on in
// web-test-runner.config.mjs by EGOV_TEST_TIMINGS=1.

/** Sum of the test durations of a suite and its sub-suites, in ms, and how many tests. */
function tally(suite) {
  if (!suite) return { ms: 0, tests: 0 };
  return suite.suites.map(tally).reduce(
    (sum, inner) => ({ ms: sum.ms + inner.ms, tests: sum.tests + inner.tests }),
    { ms: suite.tests.reduce((sum, test) => sum + (test.duration ?? 0), 0), tests: suite.tests.length },
  );
}

export function timingsReporter() {
  const started = new Map();
  const rows = [];
  let runStarted = 0;
  return {
    start({ sessions }) {
      runStarted = Date.now();
      sessions.on('session-status-updated', (session) => {
        if (session.status === 'INITIALIZING') started.set(session.id, Date.now());
        if (session.status !== 'FINISHED') return;
        const { ms, tests } = tally(session.testResults);
        const file = session.testFile.replace(`${process.cwd()}/`, '');
        rows.push({ file, wall: (Date.now() - (started.get(session.id) ?? runStarted)) / 1000, inTests: ms / 1000, tests });
      });
    },
    stop() {
      rows.sort((a, b) => b.wall - a.wall);
      const lines = rows.map(
        (row) => `${row.wall.toFixed(1).padStart(6)} s wall ${row.inTests.toFixed(1).padStart(6)} s in ${String(row.tests).padStart(3)} tests  ${row.file}`,
      );
      const total = ((Date.now() - runStarted) / 1000).toFixed(1);
      console.log(`\nPer-file timings (${rows.length} files, ${total} s):\n${lines.join('\n')}`);
    },
  };
}
