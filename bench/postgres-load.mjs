// Row 6: the reference poll server on PostgreSQL, with one and with two server processes on one
// database, against the storage floor (bench/postgres-floor.mjs) on the same PostgreSQL.
// PostgreSQL is started for the row in a temporary folder (tests/support/postgres.mjs: Debian's
// PostgreSQL, default durability settings). As in row 5, server and floor alternate in short
// rounds; rates are summed over the rounds and latencies are the median of the rounds'.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres } from '../tests/support/postgres.mjs';
import { startReferenceServer } from '../tests/support/reference-server.mjs';
import { countCpu, postgresPids } from './server-cpu.mjs';
import { CONNECTIONS, combineCpu, combineLoad, loadClient, node } from './server-load.mjs';
import { median } from './stats.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const VOTE = { pollId: 'nghi-le', optionId: '3-ngay' };

/**
 * One load client for all the servers (its CONNECTIONS dealt out to them in turn), so that one
 * and two server processes are measured with the same client, and the CPU each part of the
 * round used: the servers, PostgreSQL, the load client, and how busy the machine's cores were.
 */
async function voteOn(servers, seconds, postgresFolder) {
  const cpu = countCpu({
    servers: () => servers.map((server) => server.child.pid),
    postgres: () => postgresPids(postgresFolder),
  });
  const round = await loadClient({ url: servers.map((server) => server.url), connections: CONNECTIONS, seconds, vote: VOTE });
  const { seconds: cpuSeconds, cores, machineBusy } = cpu.stop();
  return { ...round, cpu: { ...cpuSeconds, loadClient: round.cpuSeconds, cores, machineBusy } };
}

/** `processes` floor processes at once (one per server process), each as many loops as a server's pool. */
async function floorOn(url, processes, { seconds, pollsFile }) {
  const each = await Promise.all(
    Array.from({ length: processes }, () =>
      node(['--import', 'tsx', join(here, 'postgres-floor.mjs')], { url, pollsFile, seconds, ...VOTE }),
    ),
  );
  return {
    operations: each.reduce((total, round) => total + round.operations, 0),
    perSecond: each.reduce((total, round) => total + round.perSecond, 0),
    p50: Math.max(...each.map((round) => round.p50)),
    p99: Math.max(...each.map((round) => round.p99)),
  };
}

function combineFloor(rounds) {
  const operations = rounds.reduce((total, round) => total + round.operations, 0);
  return {
    perSecond: operations / rounds.reduce((total, round) => total + round.operations / round.perSecond, 0),
    operations,
    p50: median(rounds.map((round) => round.p50)),
    p99: median(rounds.map((round) => round.p99)),
  };
}

export async function measurePostgres({ rounds, seconds, pollsFile }) {
  const postgres = await startPostgres();
  const servers = [];
  try {
    const url = postgres.createDatabase('egov_bench');
    const env = { EGOV_POLLS: pollsFile, EGOV_RATE_LIMIT: '0' };
    servers.push(await startReferenceServer({ env, dbPath: url }));
    servers.push(await startReferenceServer({ env, dbPath: url }));
    // Warm-up (not counted): both servers' JIT and pools, PostgreSQL's caches.
    await voteOn(servers, 1, postgres.folder);

    const one = [];
    const two = [];
    const floorOne = [];
    const floorTwo = [];
    for (let round = 0; round < rounds; round++) {
      one.push(await voteOn(servers.slice(0, 1), seconds, postgres.folder));
      floorOne.push(await floorOn(url, 1, { seconds, pollsFile }));
      two.push(await voteOn(servers, seconds, postgres.folder));
      floorTwo.push(await floorOn(url, 2, { seconds, pollsFile }));
    }
    return {
      connections: CONNECTIONS,
      rounds,
      secondsPerRound: seconds,
      one: { ...combineLoad(one), cpu: combineCpu(one) },
      two: { ...combineLoad(two), cpu: combineCpu(two) },
      floor: { one: combineFloor(floorOne), two: combineFloor(floorTwo) },
    };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    postgres.stop();
  }
}
