// Row 5 alone, for comparing versions of the server in one run: `node bench/server-ab.mjs
// [folder …]` starts the reference server from each folder (a copy of this repository, for
// instance `git archive HEAD~1 | tar -x -C /tmp/base` with a link to this node_modules; this
// repository when none is given), then alternates short load rounds between them and the SQLite floor, so that
// the disk's and the shared machine's drift falls on every version alike. Prints one line per
// version (votes/s, p50, p99, p99 without each connection's first answer, CPU milliseconds per vote
// of the event loop's thread and of the whole process) with the load average.
//
//   BENCH_ROUNDS (default 6), BENCH_SECONDS (default 2), BENCH_POLLS (default demo/data/polls.json)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startReferenceServer } from '../tests/support/reference-server.mjs';
import { CONNECTIONS, combineLoad, loadClient, node } from './server-load.mjs';
import { median } from './stats.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..');
const folders = process.argv.length > 2 ? process.argv.slice(2).map((folder) => resolve(folder)) : [root];
const rounds = Number(process.env.BENCH_ROUNDS ?? 6);
const seconds = Number(process.env.BENCH_SECONDS ?? 2);
const pollsFile = resolve(process.env.BENCH_POLLS ?? join(root, 'demo', 'data', 'polls.json'));
const VOTE = { pollId: 'nghi-le', optionId: '3-ngay' };
const COMMAND = [process.execPath, '--import', 'tsx', 'server/cli/egov-poll-server.ts'];

const load = () => os.loadavg()[0].toFixed(2);

/** CPU seconds (user + system) of a process's threads from /proc: its main thread's, and all. */
function cpuSeconds(pid) {
  const of = (file) => {
    const stat = readFileSync(file, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  };
  return { main: of(`/proc/${pid}/task/${pid}/stat`), all: of(`/proc/${pid}/stat`) };
}
const servers = [];
const folder = mkdtempSync(join(os.tmpdir(), 'egov-bench-ab-'));
try {
  for (const cwd of folders) {
    servers.push(await startReferenceServer({ cwd, command: COMMAND, env: { EGOV_POLLS: pollsFile } }));
  }
  for (const server of servers) await loadClient({ url: server.url, connections: CONNECTIONS, seconds: 1, vote: VOTE });
  const votes = servers.map(() => []);
  const loads = servers.map(() => []);
  const floor = [];
  for (let round = 0; round < rounds; round++) {
    // Each round in another order: none always runs right after the floor's disk writes.
    const order = servers.map((_, index) => (index + round) % servers.length);
    for (const index of order) {
      loads[index].push(os.loadavg()[0]);
      const before = cpuSeconds(servers[index].child.pid);
      const result = await loadClient({ url: servers[index].url, connections: CONNECTIONS, seconds, vote: VOTE });
      const after = cpuSeconds(servers[index].child.pid);
      votes[index].push({ ...result, cpu: { main: after.main - before.main, all: after.all - before.all } });
    }
    floor.push(
      await node(['--import', 'tsx', join(here, 'sqlite-floor.mjs')], {
        dbPath: join(folder, `floor-${round}.sqlite`),
        pollsFile,
        seconds,
        ...VOTE,
      }),
    );
  }
  const floorRate = floor.reduce((total, round) => total + round.votes.operations, 0) /
    floor.reduce((total, round) => total + round.votes.operations / round.votes.perSecond, 0);
  console.log(`floor: ${Math.round(floorRate)} inserts/s, fsync p50 ${median(floor.map((round) => round.fsync.p50)).toFixed(2)} ms; load now ${load()}`);
  servers.forEach((server, index) => {
    const result = combineLoad(votes[index]);
    const p99s = votes[index].map((round) => round.latency.p99).join(' ');
    const cpu = (part) => ((votes[index].reduce((total, round) => total + round.cpu[part], 0) * 1000) / result.ok).toFixed(3);
    console.log(
      `${folders[index]}: ${Math.round(result.perSecond)} votes/s (${(result.perSecond / floorRate).toFixed(2)}× floor), ` +
        `p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, steady p99 ${result.steady.p99.toFixed(1)} ms ` +
        `[p99 by round: ${p99s}], CPU ms per vote: event loop ${cpu('main')}, process ${cpu('all')}, non-2xx ${result.notOk}, errors ${result.errors}, load ${median(loads[index]).toFixed(2)}`,
    );
  });
} finally {
  for (const server of servers) await server.stop();
  rmSync(folder, { recursive: true, force: true });
}
