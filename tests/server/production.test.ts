/**
 * The server as it runs in production: in a copy of the repository, `npm run build`, then
 * `npm prune --omit=dev`, then `npm run serve` with plain node — and it serves the demo and
 * the API. The copy holds the files git tracks (and new files not ignored), as a fresh clone
 * would, and a copy of this worktree's node_modules instead of a fresh `npm ci`, which would
 * compile better-sqlite3 again for minutes; `npm prune` then takes it down to the production
 * packages exactly as on a server.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type ReferenceServer, startReferenceServer } from '../support/reference-server.mjs';
import { type ErrorBody, getPoll, newVoter, ON_POSTGRES, postVote, REPO_ROOT, sqliteOnly } from './support.js';

let copy: string;
let server: ReferenceServer;

/** Runs npm in the copy, with its output kept for the failure message. */
function npm(...args: string[]): string {
  return execFileSync('npm', args, { cwd: copy, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function copyRepository(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'egov-production-'));
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((file) => file && existsSync(path.join(REPO_ROOT, file)));
  for (const file of files) {
    mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    cpSync(path.join(REPO_ROOT, file), path.join(folder, file));
  }
  cpSync(path.join(REPO_ROOT, 'node_modules'), path.join(folder, 'node_modules'), { recursive: true, verbatimSymlinks: true });
  return folder;
}

before(async () => {
  if (ON_POSTGRES) return;
  copy = copyRepository();
  npm('run', 'build');
  npm('prune', '--omit=dev');
  server = await startReferenceServer({ command: ['npm', 'run', 'serve'], cwd: copy });
});

after(async () => {
  await server?.stop();
  if (copy) rmSync(copy, { recursive: true, force: true });
});

// Packaging, whatever the storage: once is enough (the PostgreSQL driver is among the kept packages).
describe('npm run build, npm prune --omit=dev, npm run serve', sqliteOnly('packaging, not storage'), () => {
  it('runs without the development packages', () => {
    for (const devOnly of ['typescript', 'tsx', 'rollup', 'eslint']) {
      assert.ok(!existsSync(path.join(copy, 'node_modules', devOnly)), `${devOnly} was pruned`);
    }
    for (const needed of ['fastify', 'better-sqlite3', 'pg', '@fastify/swagger']) {
      assert.ok(existsSync(path.join(copy, 'node_modules', needed)), `${needed} is kept`);
    }
  });

  it('keeps the kit package free of server dependencies', () => {
    const kit = JSON.parse(readFileSync(path.join(copy, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    assert.deepEqual(Object.keys(kit.dependencies).sort(), ['dompurify', 'lit']);
  });

  it('serves the demo page and the built bundle', async () => {
    const page = await fetch(`${server.url}/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<egov-poll[\s>]/);
    const bundle = await fetch(`${server.url}/dist/egov-widgets.js`);
    assert.equal(bundle.status, 200);
    assert.match(bundle.headers.get('content-type') ?? '', /javascript/);
  });

  it("says it listens as a poll server, not as the demo; started without EGOV_POLLS, that the demo's polls are served", () => {
    assert.match(server.output(), /^egov-widgets poll server: http:\/\/\S+\/$/m);
    const warning = /^egov-widgets: EGOV_POLLS is not set: the demo's polls \(\S+polls\.json\) are imported and served\. Set EGOV_POLLS .*$/m;
    assert.match(server.output(), warning);
    assert.doesNotMatch(server.output().replace(warning, ''), /demo/i);
  });

  it('answers /api/health and counts a vote', async () => {
    assert.deepEqual(await (await fetch(`${server.url}/api/health`)).json(), { status: 'ok' });
    const before = await getPoll(server.url, 'nghi-le');
    const response = await postVote(server.url, 'nghi-le', { options: ['3-ngay'], voter: newVoter() });
    assert.equal(response.status, 201, JSON.stringify((await response.clone().json()) as ErrorBody));
    assert.equal((await getPoll(server.url, 'nghi-le')).totalVotes, before.totalVotes + 1);
  });

  it('serves the OpenAPI description', async () => {
    const response = await fetch(`${server.url}/api/openapi.json`);
    assert.equal(response.status, 200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    assert.equal(document.openapi, '3.1.0');
    assert.ok('/api/polls/{id}/votes' in document.paths);
  });

  // Last: it stops the server. Docker (`CMD ["npm", "run", "serve"]`), supervisord and pm2 signal
  // npm alone, not its process group; the shell npm runs the script with must not keep the server.
  it('stops when npm alone is sent SIGTERM, as a container or a process manager sends it', async () => {
    const health = () => fetch(`${server.url}/api/health`).then((response) => response.status, () => 'refused');
    assert.equal(await health(), 200);
    server.child.kill('SIGTERM');
    try {
      const deadline = Date.now() + 20_000;
      while ((await health()) !== 'refused' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(await health(), 'refused', 'the server still answers after npm was sent SIGTERM');
    } finally {
      // What the shell left running, if anything.
      try {
        process.kill(-server.child.pid!, 'SIGKILL');
      } catch {
        // The group is gone: nothing was left.
      }
    }
  });
});
