/**
 * Starting up, configuration: defaults, every variable, and a bad value, a taken port or a
 * missing bundle at start.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import path from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_HOST, DEFAULT_PORT, DEFAULT_RATE_LIMIT, PROJECT_ROOT, readConfig } from '../../server/config.js';
import { describeTarget, passwordEncodingHint } from '../../server/storage/postgres/db.js';
import { runReferenceServerToExit, serverCommand, startReferenceServer, temporaryFolder } from '../support/reference-server.mjs';

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

  it('refuses EGOV_LOG other than on or off, and origins run together or with a path', () => {
    for (const value of ['1', 'true', 'YES', 'on']) assert.equal(readConfig({ EGOV_LOG: value }).log, true, value);
    for (const value of ['0', 'false', 'No', 'off', '']) assert.equal(readConfig({ EGOV_LOG: value }).log, false, value);
    assert.throws(() => readConfig({ EGOV_LOG: 'debug' }), /EGOV_LOG must be 1 \(on\) or 0 \(off\), got "debug"/);
    for (const origins of ['https://a.gov.vn;https://b.gov.vn', 'https://a.gov.vn https://b.gov.vn', 'https://a.gov.vn/tin-tuc', 'https://u@a.gov.vn']) {
      assert.throws(() => readConfig({ EGOV_ALLOWED_ORIGINS: origins }), /is not an origin such as .*separate origins with commas/, origins);
    }
  });

  it('names each EGOV_ variable it does not read, with the one most likely meant', () => {
    const { warnings } = readConfig({ EGOV_DATABSE_URL: 'postgres://x', EGOV_POLL: 'polls.json', EGOV_PORT: '80', EGOV_SOMETHING: '1', EGOV_TEST_POSTGRES_URL: 'x', EGOV_DB: 'x.sqlite' });
    assert.deepEqual(warnings, [
      'EGOV_DATABSE_URL is not a setting of this server and is ignored (did you mean EGOV_DATABASE_URL?).',
      'EGOV_POLL is not a setting of this server and is ignored (did you mean EGOV_POLLS?).',
      'EGOV_PORT is not a setting of this server and is ignored (did you mean PORT?).',
      'EGOV_SOMETHING is not a setting of this server and is ignored.',
    ]);
  });

  it('says a misspelt variable on stderr at start, and the demo start no word of the polls file', async () => {
    const server = await startReferenceServer({ env: { EGOV_POLL: '/srv/egov/polls.json' }, command: [...serverCommand(), 'serve', '--demo'] });
    try {
      assert.match(server.output(), /^egov-widgets: EGOV_POLL is not a setting of this server and is ignored \(did you mean EGOV_POLLS\?\)\.$/m);
      assert.doesNotMatch(server.output(), /EGOV_POLLS is not set/);
    } finally {
      await server.stop();
    }
  });

  it('names a PostgreSQL URL in messages without its password, also one written with @, # or / in it, and says how to write such a password', () => {
    const cases = [
      ['postgres://egov:Mat-khau-2026@db.example.gov.vn:5432/egov?sslmode=require', 'postgres://egov@db.example.gov.vn:5432/egov', ''],
      ['postgres://egov:Egov@2026#Tn@127.0.0.1:5433/egov', 'postgres://egov@127.0.0.1:5433/egov', 'percent-encoded'],
      ['postgresql://egov:Tinh@So/2026@127.0.0.1/egov', 'postgresql://egov@127.0.0.1/egov', 'percent-encoded'],
      ['postgres://egov:Egov%402026%23Tn@127.0.0.1/egov', 'postgres://egov@127.0.0.1/egov', ''],
      ['postgres://127.0.0.1/egov', 'postgres://127.0.0.1/egov', ''],
      ['postgres://127.0.0.1:5432/egov', 'postgres://127.0.0.1:5432/egov', ''],
      // Without @, user:password reads as host:port: never shown.
      ['postgres://egov:MyS3cret/egov', 'EGOV_DATABASE_URL', ''],
      // A colon in the password is legal unencoded.
      ['postgres://egov:pa:ss@127.0.0.1/egov', 'postgres://egov@127.0.0.1/egov', ''],
    ];
    for (const [url, said, hint] of cases) {
      assert.equal(describeTarget(url!), said, url);
      const advice = passwordEncodingHint(url!);
      if (hint) assert.match(advice, /in the URL write each percent-encoded \(@ as %40, # as %23/, url);
      else assert.equal(advice, '', url);
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
