/**
 * Starting up, configuration: defaults, every variable, and a bad value, a taken port or a
 * missing bundle at start.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import path from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_HOST, DEFAULT_PORT, DEFAULT_RATE_LIMIT, PROJECT_ROOT, readConfig } from '../../server/config.js';
import { runReferenceServerToExit, startReferenceServer, temporaryFolder } from '../support/reference-server.mjs';

describe('configuration', () => {
  it('defaults to port 8000 on loopback, data/egov.sqlite and demo/data/polls.json in the project', () => {
    const config = readConfig({});
    assert.equal(config.port, DEFAULT_PORT);
    assert.equal(config.port, 8000);
    assert.equal(config.host, DEFAULT_HOST);
    assert.equal(config.dbPath, path.join(PROJECT_ROOT, 'data', 'egov.sqlite'));
    assert.equal(config.pollsPath, path.join(PROJECT_ROOT, 'demo', 'data', 'polls.json'));
    assert.equal(config.articlesDir, path.join(PROJECT_ROOT, 'demo', 'data', 'articles'));
    assert.equal(config.rateLimit, DEFAULT_RATE_LIMIT);
    assert.deepEqual([...config.allowedOrigins], []);
    assert.equal(config.log, false);
  });

  it('reads every variable, resolving paths against the working directory', () => {
    const config = readConfig({
      PORT: '9000',
      HOST: '0.0.0.0',
      EGOV_DB: 'tmp/x.sqlite',
      EGOV_ALLOWED_ORIGINS: 'https://a.gov.vn/, http://localhost:3000 ,',
      EGOV_RATE_LIMIT: '0',
      EGOV_TRUST_PROXY: '10.0.0.1',
      EGOV_LOG: '1',
    });
    assert.equal(config.port, 9000);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.dbPath, path.resolve('tmp/x.sqlite'));
    assert.deepEqual([...config.allowedOrigins], ['https://a.gov.vn', 'http://localhost:3000']);
    assert.equal(config.rateLimit, 0);
    assert.deepEqual(config.trustProxy, ['10.0.0.1']);
    assert.equal(config.log, true);
  });

  it('refuses a bad value, naming the variable', () => {
    for (const [env, expected] of [
      [{ PORT: 'abc' }, /PORT must be a whole number from 0 to 65535, got "abc"/],
      [{ PORT: '70000' }, /PORT must be a whole number/],
      [{ EGOV_RATE_LIMIT: '-1' }, /EGOV_RATE_LIMIT must be a whole number/],
      [{ EGOV_RATE_LIMIT: '2.5' }, /EGOV_RATE_LIMIT must be a whole number/],
      [{ EGOV_ALLOWED_ORIGINS: 'portal.gov.vn' }, /EGOV_ALLOWED_ORIGINS: "portal.gov.vn" is not an origin/],
      [{ EGOV_ALLOWED_ORIGINS: 'ftp://portal.gov.vn' }, /must start with http/],
    ] as const) {
      assert.throws(() => readConfig(env), expected);
    }
  });

  it('stops the server with exit code 1 on a bad value', async () => {
    const { code, output } = await runReferenceServerToExit({ env: { PORT: 'abc' } });
    assert.equal(code, 1, output);
    assert.match(output, /^egov-widgets: PORT must be a whole number/m);
  });

  it('stops with exit code 1 when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const { code, output } = await runReferenceServerToExit({ env: { PORT: String(port) } });
      assert.equal(code, 1);
      assert.match(output, new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port}: the port is in use`));
    } finally {
      blocker.close();
    }
  });

  it('starts without a built bundle, saying how to build it', async () => {
    const server = await startReferenceServer({ env: { EGOV_DIST_DIR: path.join(temporaryFolder(), 'dist') } });
    try {
      assert.match(server.output(), /egov-widgets\.js is missing: .*npm run build/);
      assert.equal((await fetch(`${server.url}/dist/egov-widgets.js`)).status, 404);
      assert.equal((await fetch(`${server.url}/api/health`)).status, 200);
    } finally {
      await server.stop();
    }
  });
});
