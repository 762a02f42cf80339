// Where the CPU goes during a load round of rows 5 and 7 (Linux's /proc): the machine's cores as a
// whole, and the processes of the round by part (server processes, PostgreSQL's), so that the
// bench can say where the limit is. The load clients report their own CPU time (load-client.mjs).
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux for every architecture). */
const TICKS_PER_SECOND = 100;

/** The busy and the total ticks of all cores since boot (/proc/stat's first line). */
function machineTicks() {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already in user).
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fields;
  const idleTicks = idle + iowait;
  return { busy: user + nice + system + irq + softirq + steal, total: user + nice + system + idleTicks + irq + softirq + steal };
}

/** A process's user + system CPU seconds, or undefined once it has gone. */
function processSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** The postmaster of a cluster folder (tests/support/postgres.mjs) and all its children. */
export function postgresPids(folder) {
  const postmaster = Number(readFileSync(join(folder, 'data', 'postmaster.pid'), 'utf8').split('\n', 1)[0]);
  const children = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === postmaster) children.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return [postmaster, ...children];
}

/**
 * Starts counting; `stop()` returns the CPU seconds each named part used since, and the share
 * of all the machine's cores that were busy (whoever used them: other programs too).
 * @param {Record<string, () => number[]>} parts each part's processes, asked at start and at stop
 *   (PostgreSQL starts and ends backends meanwhile: a backend seen only at stop counts whole).
 */
export function countCpu(parts) {
  const machineBefore = machineTicks();
  const before = new Map();
  for (const pids of Object.values(parts)) for (const pid of pids()) before.set(pid, processSeconds(pid) ?? 0);
  return {
    stop() {
      const machineAfter = machineTicks();
      const seconds = {};
      for (const [name, pids] of Object.entries(parts)) {
        const all = new Set([...pids()]);
        seconds[name] = [...all].reduce((total, pid) => total + Math.max(0, (processSeconds(pid) ?? before.get(pid) ?? 0) - (before.get(pid) ?? 0)), 0);
      }
      const ticks = machineAfter.total - machineBefore.total;
      return {
        seconds,
        cores: os.availableParallelism(),
        machineBusy: ticks > 0 ? (machineAfter.busy - machineBefore.busy) / ticks : Number.NaN,
      };
    },
  };
}
