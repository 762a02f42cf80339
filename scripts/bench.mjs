// `npm run bench`: the kit's size and speed, each measured against its floor or a peer in the
// same run, so that the ratios hold on any machine even when absolute times drift.
// Prints one table and writes bench/results.json. See bench/README.md for what each row means.
//
//   BENCH_QUICK=1       a few iterations only (while working on the bench; figures are rough)
//   BENCH_SKIP_BUILD=1  use dist/ as it is instead of running `npm run build` first
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CPU_THROTTLING, launchBrowser } from '../bench/browser.mjs';
import { measurePageCost } from '../bench/page-cost.mjs';
import { measureParts } from '../bench/parts.mjs';
import { measurePoll } from '../bench/poll.mjs';
import { measurePostgres } from '../bench/postgres-load.mjs';
import { CONNECTIONS, MEMORY_CLIENTS, MEMORY_VOTES, measureServer, measureServerMemory } from '../bench/server-load.mjs';
import { measureSizes } from '../bench/size.mjs';
import { measureHostileBodies, prepareHostileBodies } from '../bench/hostile-bodies.mjs';
import { measureMemory, prepareMemoryPages } from '../bench/memory.mjs';
import { prepareSite } from '../bench/site.mjs';
import { kb, mb, ms, perSecond, ratio, times } from '../bench/stats.mjs';
import { measureWebLinks } from '../bench/web-links.mjs';
import { startReferenceServer } from '../tests/support/reference-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const quick = process.env.BENCH_QUICK === '1';
const settings = quick
  ? { pageLoads: 3, staticLoads: 3, floorLoads: 2, linkLoads: 1, pollVotes: 2, bodyRuns: 1, memoryLoads: 1, serverRounds: 1, serverSeconds: 2 }
  : { pageLoads: 20, staticLoads: 12, floorLoads: 8, linkLoads: 2, pollVotes: 8, bodyRuns: 3, memoryLoads: 5, serverRounds: 3, serverSeconds: 2 };

const began = Date.now();
const loadAverageAtStart = os.loadavg();
const rows = [];
const results = { settings: { ...settings, quick, cpuThrottling: CPU_THROTTLING, connections: CONNECTIONS } };
let failures = 0;

/** How busy all the machine's cores were during a load round (bench/server-cpu.mjs). */
const cpuBusy = (cpu) => `${Math.round(cpu.machineBusy * 100)} % of ${cpu.cores} cores busy`;

/** One line of the table: `value` compared with `peer` (ratio = value ÷ peer). */
function row(id, what, value, peer, peerLabel, format, { ratioText } = {}) {
  rows.push([id, what, format(value), `${format(peer)} ${peerLabel}`.trim(), ratioText ?? times(ratio(value, peer))]);
}

function unavailable(id, what, reason) {
  rows.push([id, what, `n/a (${reason})`, '', '']);
}

async function step(name, work) {
  const started = Date.now();
  console.log(`bench: ${name}…`);
  try {
    await work();
  } catch (error) {
    failures++;
    console.error(`bench: ${name} failed: ${error.stack ?? error}`);
    results.errors = [...(results.errors ?? []), { step: name, message: String(error.message ?? error) }];
    return false;
  } finally {
    console.log(`bench: ${name} took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return true;
}

const widgetBuilt = (folder) => existsSync(join(root, 'dist', 'esm', folder, `${folder}.js`));

// --- Build, so that the bench works from a fresh clone -------------------------------------
if (process.env.BENCH_SKIP_BUILD === '1') {
  console.log('bench: BENCH_SKIP_BUILD=1, using dist/ as it is');
} else {
  console.log('bench: npm run build…');
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
}

// --- Row 1: size ----------------------------------------------------------------------------
let sizes;
await step('size (row 1)', async () => {
  sizes = await measureSizes(root);
  const floorName = sizes.kitUsesDomPurify ? 'Lit + DOMPurify' : 'Lit alone';
  row('1a', 'dist/egov-widgets.js, raw', sizes.kit.raw, sizes.floor.raw, floorName, kb);
  row('1b', 'dist/egov-widgets.js, gzip', sizes.kit.gzip, sizes.floor.gzip, floorName, kb);
  row('1c', 'dist/egov-widgets.js, brotli', sizes.kit.brotli, sizes.floor.brotli, floorName, kb);
  row('1d', "kit's own code (bundle − floor), gzip", sizes.own.gzip, sizes.kit.gzip, 'whole bundle', kb);
  sizes.widgets.forEach((widget, index) => {
    const id = `1${String.fromCharCode('e'.charCodeAt(0) + index)}`;
    if (widget.missing) unavailable(id, `<${widget.tag}> alone, gzip`, 'widget missing');
    else row(id, `<${widget.tag}> alone, gzip`, widget.gzip, widget.floor.gzip, widget.usesDomPurify ? 'Lit + DOMPurify' : 'Lit alone', kb);
  });
  const fallbackId = `1${String.fromCharCode('e'.charCodeAt(0) + sizes.widgets.length)}`;
  if (sizes.sanitizerFallback) row(fallbackId, 'dist/egov-sanitizer-fallback.js (no setHTML only), gzip', sizes.sanitizerFallback.gzip, sizes.dompurify.gzip, 'DOMPurify alone', kb);
  else unavailable(fallbackId, 'dist/egov-sanitizer-fallback.js, gzip', 'file missing');
  // The other on-demand parts (the web-links list: once a reader comes to the box), against the main script.
  sizes.parts
    .filter((part) => part !== sizes.sanitizerFallback)
    .forEach((part, index) => row(`${fallbackId}${index + 1}`, `dist/${part.file} (on demand), gzip`, part.gzip, sizes.kit.gzip, 'main script', kb));
  results.size = { ...sizes, litFloorCode: undefined, purifyCode: undefined };
});

// Row 1p: the main script by part (bench/parts.mjs), each part's gzip share against the whole.
await step('size by part (row 1p)', async () => {
  const { gzip, parts } = await measureParts(root);
  results.sizeParts = parts;
  parts.forEach((part, index) => row(`1p${index + 1}`, `main script: ${part.part}, gzip share`, part.gzip, gzip, 'whole script', kb));
});

// --- Rows 2–4: in Chromium, served by the real reference server ----------------------------
const site = sizes ? prepareSite(root, sizes) : undefined;
const server = site
  ? await startReferenceServer({
      env: { EGOV_DEMO_DIR: site.dir, EGOV_DIST_DIR: site.distDir, EGOV_POLLS: site.pollsFile, EGOV_RATE_LIMIT: '0' },
    })
  : undefined;
let browser;
try {
  if (server) {
    browser = await launchBrowser();
    results.machine = { chromium: await browser.version() };

    await step('page cost (row 2)', async () => {
      const tags = site.kitTags;
      const page = await measurePageCost(browser, server.url, {
        kitTags: tags,
        loads: settings.pageLoads,
        staticLoads: settings.staticLoads,
        floorLoads: settings.floorLoads,
        floorWithDomPurify: sizes.kitUsesDomPurify,
      });
      results.pageCost = { widgetsOnDemoPage: tags, ...page };
      const { kit, static: plain, floor } = page;
      const widgets = `all ${tags.length} widgets`;
      const floorName = sizes.kitUsesDomPurify ? 'Lit + DOMPurify page' : 'one-element Lit page';
      row('2a', 'script evaluation (main thread, median)', kit.scriptEvaluationMs, floor.scriptEvaluationMs, floorName, ms);
      row('2b', `demo page rendered, ${widgets} (median)`, kit.renderedMs, plain.renderedMs, 'static HTML', ms);
      row('2c', 'main-thread busy until rendered (median)', kit.mainThreadMs, plain.mainThreadMs, 'static HTML', ms);
      row('2d', 'long tasks > 50 ms per load (median)', kit.longTasksPerLoad, plain.longTasksPerLoad, 'static HTML', (n) => String(n));
      row('2e', 'cumulative layout shift (median; max)', kit.cls, plain.cls, 'static HTML', (n) => n.toFixed(3), {
        ratioText: `max ${kit.clsMax.toFixed(3)}`,
      });
    });

    if (!widgetBuilt('web-links')) {
      ['3a', '3b', '3c', '3d'].forEach((id) => unavailable(id, '<egov-web-links>, 5,000 links', 'widget missing'));
    } else {
      await step('web links (row 3)', async () => {
        const links = await measureWebLinks(browser, server.url, { loads: settings.linkLoads });
        results.webLinks = links;
        const { kit, floor } = links;
        row('3a', `<egov-web-links> 5,000 links: open the list, median (${kit.opens})`, kit.openMs, floor.openMs, 'hand-written DOM', ms);
        row('3b', `filter keystroke, median (${kit.keystrokes})`, kit.keystrokeMedianMs, floor.keystrokeMedianMs, 'hand-written DOM', ms);
        row('3c', 'filter keystroke, 95th percentile', kit.keystrokeP95Ms, floor.keystrokeP95Ms, 'hand-written DOM', ms);
        row('3d', 'open the list, 95th percentile', kit.openP95Ms, floor.openP95Ms, 'hand-written DOM', ms);
      });
    }

    if (!widgetBuilt('poll')) {
      ['4a', '4b'].forEach((id) => unavailable(id, '<egov-poll>, 50 options', 'widget missing'));
    } else {
      await step('poll (row 4)', async () => {
        const poll = await measurePoll(browser, server.url, { votes: settings.pollVotes });
        results.poll = poll;
        row('4a', '<egov-poll> 50 options: re-render after vote', poll.fifty.rerenderMs, poll.five.rerenderMs, '5 options', ms);
        row('4b', '<egov-poll> 50 options: click → results', poll.fifty.clickToResultsMs, poll.five.clickToResultsMs, '5 options', ms);
      });
    }
    await step('hostile article bodies (row 6)', async () => {
      const bodies = await measureHostileBodies(browser, server.url, prepareHostileBodies(root, site.dir), { runs: settings.bodyRuns });
      results.hostileBodies = bodies;
      const ordinary = bodies['ordinary article body'];
      Object.entries(bodies)
        .filter(([name]) => name !== 'ordinary article body')
        .forEach(([name, { medianMs, longestTaskMs }], index) => {
          const id = `6${String.fromCharCode(97 + index)}`;
          row(id, `1.8 MB body: ${name}`, medianMs, ordinary.medianMs, 'ordinary body, 1.8 MB', ms);
          // How long the page could not answer the reader meanwhile.
          row(`${id}t`, `1.8 MB body: ${name}, longest task`, longestTaskMs, ordinary.longestTaskMs, 'ordinary body, 1.8 MB', ms);
        });
    });

    await step('JS heap (row 8)', async () => {
      const heap = await measureMemory(browser, server.url, { kitTags: site.kitTags, litPath: prepareMemoryPages(site.dir), loads: settings.memoryLoads });
      results.memory = heap;
      const { kit, lit, static: plain } = heap;
      row('8a', `JS heap, demo page, all ${site.kitTags.length} widgets (median)`, kit.usedBytes, lit.usedBytes, 'one Lit element', kb);
      row('8b', 'JS heap the kit adds to the static page', kit.usedBytes - plain.usedBytes, lit.usedBytes - plain.usedBytes, 'one Lit element adds', kb);
    });

    await browser.close();
    browser = undefined;

    // --- Row 5: the server under load --------------------------------------------------------
    await step('server load (row 5)', async () => {
      const load = await measureServer(server.url, {
        rounds: settings.serverRounds,
        seconds: settings.serverSeconds,
        pollsFile: site.pollsFile,
        serverPid: server.child.pid,
      });
      results.server = load;
      const { votes, reads, floor } = load;
      // With one writer, 50 clients queue: the floor's latency at 50 connections is 50 commits.
      const queued = (CONNECTIONS / floor.votes.perSecond) * 1000;
      load.floor.queuedLatencyMs = queued;
      row('5a', `POST vote, ${CONNECTIONS} connections`, votes.perSecond, floor.votes.perSecond, 'bare SQLite inserts', perSecond);
      row('5b', 'POST vote (grouped commits) against fsync', votes.perSecond, floor.fsync.perSecond, 'fsyncs of 4 KB', perSecond);
      row('5c', 'POST vote latency p50', votes.latency.p50, queued, `(${CONNECTIONS} queued commits)`, ms);
      row('5d', 'POST vote latency p99', votes.latency.p99, queued, `(${CONNECTIONS} queued commits)`, ms);
      row('5d2', "POST vote p99 without each connection's first", votes.steady.p99, queued, `(${CONNECTIONS} queued commits)`, ms);
      row('5d3', 'POST vote CPU per vote: server, load client', votes.cpu.msPerVote.server, votes.cpu.msPerVote.loadClient, 'load client', ms, {
        ratioText: `machine ${cpuBusy(votes.cpu)}`,
      });
      row('5e', `GET results, ${CONNECTIONS} connections`, reads.perSecond, floor.reads.perSecond, 'bare SQLite reads', perSecond);
      if (votes.notOk || votes.errors || reads.notOk || reads.errors) {
        console.warn(`bench: some load requests failed: votes ${votes.notOk} non-2xx/${votes.errors} errors, reads ${reads.notOk}/${reads.errors}`);
      }
    });

    await step('server memory (row 5)', async () => {
      const memory = await measureServerMemory({ pollsFile: site.pollsFile });
      results.serverMemory = memory;
      const what = `${MEMORY_VOTES.toLocaleString('en')} votes from ${MEMORY_CLIENTS.toLocaleString('en')} addresses`;
      row('5f', `server resident memory after ${what}`, memory.after.rss, memory.before.rss, 'at start', mb);
      row('5g', 'server resident memory, peak during those votes', memory.after.peak, memory.before.rss, 'at start', mb);
      if (memory.load.notOk || memory.load.errors) {
        console.warn(`bench: some memory-row votes failed: ${memory.load.notOk} non-2xx/${memory.load.errors} errors`);
      }
    });

    // --- Row 6: the server on PostgreSQL, one and two processes ------------------------------
    await step('server on PostgreSQL (row 7)', async () => {
      const load = await measurePostgres({ rounds: settings.serverRounds, seconds: settings.serverSeconds, pollsFile: site.pollsFile });
      results.postgres = load;
      const { one, two, floor } = load;
      row('7a', `POST vote on PostgreSQL, 1 process, ${CONNECTIONS} conn.`, one.perSecond, floor.one.perSecond, 'bare PostgreSQL inserts', perSecond);
      row('7b', 'POST vote latency p99, 1 process', one.latency.p99, floor.one.p99, 'bare inserts p99', ms);
      row('7c', `POST vote on PostgreSQL, 2 processes, ${CONNECTIONS} conn.`, two.perSecond, floor.two.perSecond, 'bare inserts, 2 processes', perSecond);
      row('7d', 'POST vote latency p99, 2 processes', two.latency.p99, floor.two.p99, 'bare inserts p99', ms);
      row('7e', 'POST vote, 2 processes against 1', two.perSecond, one.perSecond, '1 process', perSecond);
      // Where the limit is: the cores each part kept busy (1 = one core all the time), and how busy all cores were.
      for (const [id, label, { cpu }] of [['7f', '1 process', one], ['7g', '2 processes', two]]) {
        const { servers, postgres, loadClient } = cpu.coresUsed;
        const used = `${servers.toFixed(2)} + ${postgres.toFixed(2)} + ${loadClient.toFixed(2)} cores`;
        rows.push([id, `CPU, ${label}: servers + PostgreSQL + load client`, used, `${cpu.cores} cores`, `machine ${cpuBusy(cpu)}`]);
      }
      if (one.notOk || one.errors || two.notOk || two.errors) {
        console.warn(`bench: some PostgreSQL votes failed: 1 process ${one.notOk} non-2xx/${one.errors} errors, 2 processes ${two.notOk}/${two.errors}`);
      }
    });
  }
} finally {
  await browser?.close();
  await server?.stop();
  site?.remove();
}

// --- The table and results.json ------------------------------------------------------------
const seconds = (Date.now() - began) / 1000;
const header = ['#', 'measure', 'value', 'floor / peer', 'ratio'];
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((line) => line[column].length)));
const format = (line) => line.map((cell, column) => (column >= 2 ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ');
console.log(`\n${format(header)}\n${widths.map((width) => '-'.repeat(width)).join('  ')}`);
for (const line of rows) console.log(format(line));
const cpus = os.cpus();
results.machine = {
  ...results.machine,
  cpus: cpus.length,
  cpuModel: cpus[0]?.model,
  memoryGb: Math.round(os.totalmem() / 2 ** 30),
  platform: `${os.type()} ${os.release()} ${os.arch()}`,
  node: process.version,
  loadAverage: { atStart: loadAverageAtStart, atEnd: os.loadavg() },
};
results.date = new Date().toISOString();
results.seconds = seconds;
results.table = rows.map(([id, what, value, peer, ratioText]) => ({ id, what, value, peer, ratio: ratioText }));
writeFileSync(join(root, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(
  `\n${results.machine.cpus} × ${results.machine.cpuModel}, Node ${process.version}, ${results.machine.chromium ?? 'no Chromium'}` +
    `, load average ${loadAverageAtStart[0].toFixed(1)} at start${quick ? ', BENCH_QUICK' : ''}; ${seconds.toFixed(0)} s.` +
    ' Written to bench/results.json.',
);
process.exit(failures ? 1 : 0);
