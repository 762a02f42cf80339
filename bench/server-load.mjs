// Row 5: the reference poll server under load from a second process (autocannon, 50 connections,
// loopback only), against the storage floor (bench/sqlite-floor.mjs) in a third process. The disk's
// fsync time drifts when other programs write, so server and floor alternate in short rounds and
// each figure sums (rates) or takes the median (latencies) over the rounds.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startReferenceServer } from '../tests/support/reference-server.mjs';
import { countCpu } from './server-cpu.mjs';
import { median } from './stats.mjs';

const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..');

export const CONNECTIONS = 50;
const VOTE = { pollId: 'nghi-le', optionId: '3-ngay' };

export async function node(args, options) {
  const { stdout } = await run(process.execPath, [...args, JSON.stringify(options)], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
    timeout: ((options.seconds ?? 150) * 4 + 60) * 1000,
  });
  return JSON.parse(stdout);
}

export const loadClient = (options) => node([join(here, 'load-client.mjs')], options);

/** Requests per second over all rounds, and the median of each round's latency percentiles. */
export function combineLoad(rounds) {
  const ok = rounds.reduce((total, round) => total + round.ok, 0);
  const seconds = rounds.reduce((total, round) => total + round.seconds, 0);
  return {
    perSecond: ok / seconds,
    ok,
    notOk: rounds.reduce((total, round) => total + round.notOk, 0),
    errors: rounds.reduce((total, round) => total + round.errors + round.timeouts, 0),
    latency: { p50: median(rounds.map((round) => round.latency.p50)), p99: median(rounds.map((round) => round.latency.p99)) },
    steady: { p50: median(rounds.map((round) => round.steady.p50)), p99: median(rounds.map((round) => round.steady.p99)) },
    rounds,
  };
}

/**
 * Rounds' CPU (server-cpu.mjs) as the cores each part kept busy on average (CPU seconds over
 * wall seconds: 1 is one core all the time) and the CPU milliseconds each spent per vote.
 */
export function combineCpu(rounds) {
  const seconds = rounds.reduce((total, round) => total + round.seconds, 0);
  const ok = rounds.reduce((total, round) => total + round.ok, 0);
  const parts = Object.keys(rounds[0].cpu).filter((name) => name !== 'cores' && name !== 'machineBusy');
  const used = (name) => rounds.reduce((total, round) => total + round.cpu[name], 0);
  return {
    cores: rounds[0].cpu.cores,
    machineBusy: rounds.reduce((total, round) => total + round.cpu.machineBusy * round.seconds, 0) / seconds,
    coresUsed: Object.fromEntries(parts.map((name) => [name, used(name) / seconds])),
    msPerVote: Object.fromEntries(parts.map((name) => [name, (used(name) * 1000) / ok])),
  };
}

function combineFloor(rounds, kind) {
  const operations = rounds.reduce((total, round) => total + round[kind].operations, 0);
  const seconds = rounds.reduce((total, round) => total + round[kind].operations / round[kind].perSecond, 0);
  return {
    perSecond: operations / seconds,
    operations,
    p50: median(rounds.map((round) => round[kind].p50)),
    p99: median(rounds.map((round) => round[kind].p99)),
  };
}

/** A load round with the CPU the server process (when its pid is known) and the client used. */
async function measuredRound(options, serverPid) {
  const cpu = serverPid ? countCpu({ server: () => [serverPid] }) : undefined;
  const round = await loadClient(options);
  const used = cpu?.stop();
  return { ...round, cpu: { ...used?.seconds, loadClient: round.cpuSeconds, cores: used?.cores, machineBusy: used?.machineBusy } };
}

export async function measureServer(serverUrl, { rounds, seconds, pollsFile, serverPid }) {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(serverUrl)) throw new Error(`refusing to load anything but loopback: ${serverUrl}`);
  const url = serverUrl;
  // Warm-up (not counted): the server's JIT and connection handling, on both paths measured.
  await loadClient({ url, connections: CONNECTIONS, seconds: 1, vote: VOTE });
  await loadClient({ url, connections: CONNECTIONS, seconds: 1 });

  const folder = mkdtempSync(join(os.tmpdir(), 'egov-bench-sqlite-'));
  const votes = [];
  const reads = [];
  const floor = [];
  try {
    for (let round = 0; round < rounds; round++) {
      votes.push(await measuredRound({ url, connections: CONNECTIONS, seconds, vote: VOTE }, serverPid));
      floor.push(
        await node(['--import', 'tsx', join(here, 'sqlite-floor.mjs')], {
          dbPath: join(folder, 'floor.sqlite'),
          pollsFile,
          seconds,
          ...VOTE,
        }),
      );
      reads.push(await loadClient({ url, connections: CONNECTIONS, seconds }));
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return {
    connections: CONNECTIONS,
    rounds,
    secondsPerRound: seconds,
    votes: { ...combineLoad(votes), ...(serverPid ? { cpu: combineCpu(votes) } : {}) },
    reads: combineLoad(reads),
    floor: { votes: combineFloor(floor, 'votes'), reads: combineFloor(floor, 'reads'), fsync: combineFloor(floor, 'fsync') },
  };
}

/** The resident memory of a process, in bytes, and its peak (Linux's /proc). */
function residentMemory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) * 1024;
  return { rss: kilobytes('VmRSS'), peak: kilobytes('VmHWM') };
}

export const MEMORY_VOTES = 100_000;
export const MEMORY_CLIENTS = 10_000;

/**
 * Row 5's memory: a fresh server (SQLite, rate limit on at its default, one trusted proxy so that
 * X-Forwarded-For names the client) before and after MEMORY_VOTES votes from MEMORY_CLIENTS
 * addresses in turn: what votes leave behind in the process (rate-limit keys, caches, statements).
 */
export async function measureServerMemory({ pollsFile, votes = MEMORY_VOTES, clients = MEMORY_CLIENTS }) {
  const server = await startReferenceServer({
    env: { EGOV_POLLS: pollsFile, EGOV_RATE_LIMIT: '30', EGOV_TRUST_PROXY: '127.0.0.1' },
  });
  try {
    const before = residentMemory(server.child.pid);
    const load = await loadClient({ url: server.url, connections: CONNECTIONS, amount: votes, clients, vote: VOTE });
    const after = residentMemory(server.child.pid);
    return { votes, clients, before, after, load };
  } finally {
    await server.stop();
  }
}
