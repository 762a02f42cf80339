/**
 * What the editors' API tests share: the app built in process on a temporary database
 * (requests through `app.inject()`, no socket), and a client that keeps the session cookie
 * and sends this server's Origin the way a browser on the editors' page does.
 */
import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { AdminPoll } from '../../server/storage/storage.js';
import { temporaryDatabase } from '../support/reference-server.mjs';
import { buildServerApp, FIXTURE_POLLS, newVoter } from './support.js';

export const EDITOR = { username: 'bientap', password: 'Mat-khau-2026' };
/** The address the browser used, hence the only Origin a state-changing request may carry. */
export const HOST = 'localhost:8000';
export const ORIGIN = `http://${HOST}`;

export interface TestApp {
  app: FastifyInstance;
  dbPath: string;
}

/** The server with the fixture polls and the editor `bientap` (EGOV_DEMO_EDITOR). */
export async function buildTestApp(env: Record<string, string> = {}, dbPath = temporaryDatabase()): Promise<TestApp> {
  const app = await buildServerApp({ EGOV_POLLS: FIXTURE_POLLS, EGOV_DEMO_EDITOR: `${EDITOR.username}:${EDITOR.password}`, ...env }, dbPath);
  return { app, dbPath };
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export class AdminClient {
  cookie: string | undefined;

  constructor(
    private readonly app: FastifyInstance,
    /** Told apart by address, as the sign-in lock-out counts per client. */
    readonly remoteAddress = '127.0.0.1',
  ) {}

  request(
    method: Method,
    url: string,
    payload?: unknown,
    headers: Record<string, string | undefined> = {},
  ): Promise<LightMyRequestResponse> {
    const base: Record<string, string> = { host: HOST };
    if (method !== 'GET') base.origin = ORIGIN;
    if (this.cookie) base.cookie = this.cookie;
    if (payload !== undefined) base['content-type'] = 'application/json';
    const merged = Object.fromEntries(
      Object.entries({ ...base, ...headers }).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
    return this.app.inject({
      method,
      url,
      headers: merged,
      remoteAddress: this.remoteAddress,
      ...(payload !== undefined && { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }),
    });
  }

  /**
   * `POST /api/admin/polls`, expected to create the poll: a single choice with no closing time
   * unless `body` says otherwise. The poll as the server made it.
   */
  async createPoll(body: Record<string, unknown>): Promise<AdminPoll> {
    const response = await this.request('POST', '/api/admin/polls', { multiple: false, closesAt: null, ...body });
    assert.equal(response.statusCode, 201, response.body);
    return response.json() as AdminPoll;
  }

  async signIn(username = EDITOR.username, password = EDITOR.password): Promise<LightMyRequestResponse> {
    const response = await this.request('POST', '/api/admin/session', { username, password });
    const setCookie = response.headers['set-cookie'];
    if (response.statusCode === 204 && typeof setCookie === 'string') this.cookie = setCookie.split(';')[0];
    return response;
  }
}

export async function signedInClient(app: FastifyInstance): Promise<AdminClient> {
  const client = new AdminClient(app);
  const response = await client.signIn();
  assert.equal(response.statusCode, 204, response.body);
  return client;
}

/** The test app and the editor `bientap` signed in on it. */
export async function buildSignedInApp(env: Record<string, string> = {}): Promise<TestApp & { editor: AdminClient }> {
  const built = await buildTestApp(env);
  return { ...built, editor: await signedInClient(built.app) };
}

/** An error's body: `{error, message}`, and for a poll's body refused, the field at fault. */
interface ApiErrorBody {
  error: string;
  message: string;
  field?: string;
}

export function expectApiError(response: LightMyRequestResponse, status: number, code: string): ApiErrorBody {
  assert.equal(response.statusCode, status, response.body);
  assert.match(String(response.headers['content-type']), /^application\/json; charset=utf-8/);
  const body = response.json() as ApiErrorBody;
  assert.equal(body.error, code, response.body);
  assert.ok(body.message.length > 0);
  return body;
}

/** A reader's vote through the public API, as the widget sends it. */
export function publicVote(app: FastifyInstance, pollId: string, options: string[], voter = newVoter()): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: `/api/polls/${pollId}/votes`,
    headers: { host: HOST, 'content-type': 'application/json' },
    payload: JSON.stringify({ options, voter }),
  });
}
