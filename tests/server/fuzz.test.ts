/**
 * A random-request fuzz of the poll API: over 10,000 requests — arbitrary JSON values,
 * near-valid votes, prototype keys, huge numbers, broken UTF-8, wrong content types, odd
 * poll ids and headers — 16 in flight at a time, against the real server and database.
 *
 * The server must never answer 5xx, must explain every refusal as `{error, message}` with a
 * documented code, must stay up, and must count exactly the votes it acknowledged: each `201`
 * is checked against an independent reading of docs/api.md (only a valid vote may be counted),
 * and at the end the counts served and stored equal the `201`s the fuzz received.
 *
 * The seed is fixed and printed; rerun a failure with
 *   FUZZ_SEED=<seed> node --import tsx --test tests/server/fuzz.test.ts
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type ReferenceServer, startReferenceServer } from '../support/reference-server.mjs';
import { FIXTURE_POLLS, getPoll, type PollBody, queryDatabase, storedCounters } from './support.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_511);
const TOTAL_REQUESTS = 10_000;
/** Requests per fast-check run, sent 16 at a time. */
const BATCH = 64;
const IN_FLIGHT = 16;
const RUNS = Math.ceil(TOTAL_REQUESTS / BATCH);
const BODY_LIMIT = 4096;

/** The fixture polls the fuzz aims at, open and closed, single and multiple choice. */
const POLL_IDS = ['single', 'multi', 'closed-by-date', 'closed-by-hand'] as const;

/** docs/api.md: a lower-case UUID v4 (written here independently of the server's pattern). */
const VOTER = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The documented `error` codes, by status (server/README.md). No 429: the rate limit is off. */
const ERROR_CODES: Readonly<Record<number, readonly string[]>> = {
  400: ['bad_request', 'no_option', 'too_many_options', 'duplicate_option', 'unknown_option', 'bad_voter'],
  403: ['forbidden'],
  404: ['not_found'],
  409: ['already_voted'],
  410: ['closed'],
  413: ['too_large'],
  415: ['unsupported_media_type'],
};

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
  chunked: boolean;
  /**
   * Set by generators of encodings docs/api.md leaves open (a byte-order mark, a repeated key,
   * a charset other than UTF-8): the server may take or refuse such a vote, but never 5xx.
   */
  lenient: boolean;
}

interface Vote {
  pollId: string;
  voter: string;
  options: string[];
}

interface PollFacts {
  multiple: boolean;
  closed: boolean;
  optionIds: string[];
}

// ---------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------

const printable = (maxLength: number) => fc.stringMatching(new RegExp(`^[\\x20-\\x7e]{0,${maxLength}}$`));

/** Voters that repeat (so that some valid votes meet a 409) and voters seen once. */
const voterPool = fc.sample(fc.uuid({ version: 4 }), { seed: SEED, numRuns: 40 });

const validVoter = fc.oneof(fc.uuid({ version: 4 }), fc.constantFrom(...voterPool));

const badVoter = fc.oneof(
  validVoter.map((voter) => voter.toUpperCase()),
  fc.uuid({ version: 1 }),
  validVoter.map((voter) => voter.replaceAll('-', '')),
  validVoter.map((voter) => `{${voter}}`),
  validVoter.map((voter) => ` ${voter}`),
  validVoter.map((voter) => `${voter}\n`),
  validVoter.map((voter) => `${voter}\u0000`),
  validVoter.map((voter) => voter.replace(/a/g, '\u0430')), // Cyrillic а
  validVoter.map((voter) => voter.replace(/[0-9]/g, (digit) => String.fromCharCode(0xff10 + Number(digit)))),
  fc.constantFrom('', 'null', 'undefined', '00000000-0000-0000-0000-000000000000', "' OR '1'='1"),
  fc.integer({ min: 1, max: 5000 }).map((length) => 'f'.repeat(length)),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);

const hugeNumber = fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -0, 5e-324, 2 ** 64);

const wrongType = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  hugeNumber,
  fc.constant({}),
  fc.constant([]),
  fc.jsonValue({ maxDepth: 2 }),
);

/** The `options` of a vote on this poll: valid, or one mutation away from it. */
function optionsFor(facts: PollFacts): fc.Arbitrary<unknown> {
  const one = fc.constantFrom(...facts.optionIds);
  const valid = facts.multiple
    ? fc.shuffledSubarray(facts.optionIds, { minLength: 1 })
    : one.map((option) => [option]);
  return fc.oneof(
    { arbitrary: valid, weight: 25 },
    { arbitrary: fc.constant([]), weight: 1 },
    { arbitrary: one.map((option) => [option, option]), weight: 1 },
    { arbitrary: fc.shuffledSubarray(facts.optionIds, { minLength: 2 }), weight: 1 },
    { arbitrary: one.map((option) => option), weight: 1 },
    { arbitrary: one.map((option) => ({ 0: option, length: 1 })), weight: 1 },
    { arbitrary: one.map((option) => [option.toUpperCase()]), weight: 1 },
    { arbitrary: one.map((option) => [` ${option}`]), weight: 1 },
    { arbitrary: one.map((option) => [`${option}\u0000`]), weight: 1 },
    { arbitrary: one.map((option) => [[option]]), weight: 1 },
    { arbitrary: one.map((option) => [{ id: option }]), weight: 1 },
    { arbitrary: fc.array(wrongType, { minLength: 1, maxLength: 3 }), weight: 2 },
    { arbitrary: wrongType, weight: 1 },
    { arbitrary: fc.array(fc.string({ unit: 'grapheme', maxLength: 20 }), { maxLength: 4 }), weight: 2 },
    { arbitrary: fc.integer({ min: 51, max: 900 }).map((length) => Array.from({ length }, (_, i) => `o${i}`)), weight: 1 },
    { arbitrary: fc.integer({ min: 65, max: 5000 }).map((length) => ['a'.repeat(length)]), weight: 1 },
    { arbitrary: fc.constantFrom(['a', 'x'], ['x', 'y', 'z', 'a'], ['e'], ["a'; DROP TABLE votes; --"]), weight: 1 },
  );
}

/** Extra keys, including the ones prototype pollution rides on. */
const extraKey = fc.oneof(
  fc.constantFrom('poll', 'id', 'votes', 'multiple', 'totalVotes', 'prototype', 'toString', 'hasOwnProperty', 'Options', 'voter '),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
);

/** A vote object for this poll with zero or more mutations: the bulk of what the fuzz counts. */
function voteObject(facts: PollFacts): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record({
      options: optionsFor(facts),
      voter: fc.oneof({ arbitrary: validVoter, weight: 8 }, { arbitrary: badVoter, weight: 2 }, { arbitrary: wrongType, weight: 1 }),
      drop: fc.oneof({ arbitrary: fc.constant(undefined), weight: 14 }, { arbitrary: fc.constantFrom('options', 'voter'), weight: 2 }),
      extra: fc.oneof(
        { arbitrary: fc.constant(undefined), weight: 7 },
        { arbitrary: fc.tuple(extraKey, fc.jsonValue({ maxDepth: 2 })), weight: 1 },
      ),
    })
    .map(({ options, voter, drop, extra }) => {
      const vote: Record<string, unknown> = { options, voter };
      if (drop) delete vote[drop];
      // A plain assignment of "__proto__" would set the prototype, not a key: define it.
      if (extra) Object.defineProperty(vote, extra[0], { value: extra[1], enumerable: true, configurable: true, writable: true });
      return vote;
    });
}

interface Body {
  bytes: Buffer | undefined;
  lenient?: boolean;
}

const text = (value: string, lenient = false): Body => ({ bytes: Buffer.from(value, 'utf8'), lenient });

/** Whitespace JSON allows, so that one vote has many spellings (and crosses 4096 bytes). */
const spelling = fc.constantFrom(
  (value: unknown) => JSON.stringify(value),
  (value: unknown) => JSON.stringify(value, null, 2),
  (value: unknown) => JSON.stringify(value, null, '\t'),
  (value: unknown) => ` \r\n${JSON.stringify(value)}\n `,
);

function bodyFor(facts: PollFacts): fc.Arbitrary<Body> {
  const vote = voteObject(facts);
  const validText = fc.tuple(vote, spelling).map(([value, spell]) => spell(value));
  const invalidUtf8 = fc.constantFrom([0xff], [0xfe], [0xc3], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80]);
  return fc.oneof(
    { arbitrary: fc.tuple(vote, spelling).map(([value, spell]) => text(spell(value))), weight: 50 },
    { arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => text(JSON.stringify(value))), weight: 6 },
    {
      arbitrary: fc
        .anything({
          maxDepth: 3,
          withNullPrototype: true,
          withObjectString: true,
          withBoxedValues: true,
          withDate: true,
          withMap: true,
          withSet: true,
          withSparseArray: true,
          withTypedArray: true,
        })
        .map((value) => ({ bytes: Buffer.from(JSON.stringify(value) ?? '', 'utf8') })),
      weight: 6,
    },
    { arbitrary: fc.tuple(validVoter, optionsFor(facts)).map(([voter, options]) => protoBody(voter, options)), weight: 4 },
    { arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ bytes: Buffer.from(bytes) })), weight: 3 },
    {
      arbitrary: fc.tuple(validText, invalidUtf8, fc.nat()).map(([valid, bad, at]) => {
        const bytes = Buffer.from(valid, 'utf8');
        const cut = at % (bytes.length + 1);
        return { bytes: Buffer.concat([bytes.subarray(0, cut), Buffer.from(bad), bytes.subarray(cut)]) };
      }),
      weight: 3,
    },
    { arbitrary: fc.constantFrom<Body>({ bytes: undefined }, text(''), text(' '), text('\r\n'), text('null'), text('""')), weight: 2 },
    {
      // Around the 4096-byte limit: padding is whitespace, so the vote stays valid below it.
      arbitrary: fc.tuple(validText, fc.integer({ min: 3900, max: 4300 })).map(([valid, size]) => text(valid.padEnd(size, ' '))),
      weight: 2,
    },
    { arbitrary: fc.integer({ min: 4097, max: 60_000 }).map((size) => text('x'.repeat(size))), weight: 1 },
    { arbitrary: fc.tuple(validVoter, hugeNumber).map(([voter, number]) => hugeNumberBody(voter, number)), weight: 2 },
    { arbitrary: fc.integer({ min: 1, max: 2000 }).map((depth) => text(`${'['.repeat(depth)}${']'.repeat(depth)}`)), weight: 1 },
    {
      arbitrary: fc.tuple(validText, fc.constantFrom("{'options':[]}", '{"options":["a"],}', '{"a":1}{"b":2}', 'NaN', 'undefined'))
        .map(([valid, broken]) => text(`${valid}${broken}`)),
      weight: 1,
    },
    // Encodings docs/api.md leaves open: either answer is right, a 5xx or a miscount is not.
    { arbitrary: validText.map((valid) => text(`\uFEFF${valid}`, true)), weight: 1 },
    {
      arbitrary: fc.tuple(validText, optionsFor(facts)).map(([valid, other]) =>
        text(`{"options":${JSON.stringify(other)},${valid.trim().slice(1)}`, true),
      ),
      weight: 1,
    },
  );
}

/** Prototype keys spelled as JSON text, since JSON.stringify cannot produce all of them. */
function protoBody(voter: string, options: unknown): Body {
  const vote = `"options":${JSON.stringify(options)},"voter":${JSON.stringify(voter)}`;
  const forms = [
    `{${vote},"__proto__":{"multiple":true}}`,
    `{"__proto__":{${vote}}}`,
    `{${vote},"constructor":{"prototype":{"multiple":true}}}`,
    `{"options":{"__proto__":${JSON.stringify(options)}},"voter":${JSON.stringify(voter)}}`,
    `{${vote},"\\u005f_proto__":{"polluted":true}}`,
    `{"constructor":{"prototype":{${vote}}}}`,
    `[{${vote}}]`,
  ];
  return text(forms[voter.charCodeAt(0) % forms.length]!);
}

function hugeNumberBody(voter: string, number: number): Body {
  const forms = [
    `{"options":[${number}],"voter":${JSON.stringify(voter)}}`,
    `{"options":["a"],"voter":${number}}`,
    `{"options":["a"],"voter":${JSON.stringify(voter)},"n":1e99999}`,
    `{"options":[123456789012345678901234567890123456789],"voter":${JSON.stringify(voter)}}`,
    '1e999999',
    '-0',
  ];
  return text(forms[voter.charCodeAt(1) % forms.length]!);
}

/** Poll ids as they appear in the path: real ones (some percent-encoded), near misses, nonsense. */
const pollSegment = fc.oneof(
  { arbitrary: fc.constantFrom(...POLL_IDS), weight: 20 },
  {
    arbitrary: fc.tuple(fc.constantFrom(...POLL_IDS), fc.nat()).map(([id, at]) => {
      const index = at % id.length;
      return `${id.slice(0, index)}%${id.charCodeAt(index).toString(16).toUpperCase()}${id.slice(index + 1)}`;
    }),
    weight: 2,
  },
  { arbitrary: fc.constantFrom(...POLL_IDS).map((id) => id.toUpperCase()), weight: 1 },
  { arbitrary: fc.stringMatching(/^[a-z0-9-]{1,120}$/), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }).map((id) => encodeURIComponent(id)), weight: 2 },
  {
    arbitrary: fc.constantFrom(
      '%zz', '%E0%A4%A', '%', '%00', '%C0%AE%C0%AE', '%ED%A0%80', '%F0%9F%98%80', '..', '..%2F..%2Fetc%2Fpasswd',
      '__proto__', 'constructor', 'prototype', 'toString', 'single%2Fvotes', 'single%00', 'single;a=b', 'single%20',
      "single'%20OR%20'1'%3D'1", 'nghi-le',
    ),
    weight: 3,
  },
);

const query = fc.oneof(
  fc.constantFrom('a=1', '__proto__[multiple]=true', 'constructor[prototype][polluted]=1', 'options=a&voter=x', '', '%zz'),
  fc.string({ unit: 'grapheme', maxLength: 20 }).map((value) => `q=${encodeURIComponent(value)}`),
);

const contentType = fc.oneof(
  { arbitrary: fc.constant('application/json'), weight: 20 },
  {
    arbitrary: fc.constantFrom('application/json; charset=utf-8', 'application/json;charset=UTF-8', 'Application/JSON', 'APPLICATION/JSON ; charset="utf-8"'),
    weight: 3,
  },
  {
    arbitrary: fc.constantFrom(
      undefined, '', 'text/plain', 'text/json', 'application/jsonp', 'application/json-patch+json', 'application/vnd.api+json',
      'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', '*/*', 'json',
      'application/', ';', 'application/json, text/plain', 'text/plain; charset=utf-8; x=application/json',
      'application/json; charset=latin1', 'application/json; charset=utf-16',
    ),
    weight: 4,
  },
  { arbitrary: printable(60), weight: 1 },
);

/** Ordinary headers with odd values: what browsers, proxies and scripts send. */
const extraHeaders = fc.dictionary(
  fc.oneof(
    fc.constantFrom('accept', 'accept-language', 'user-agent', 'origin', 'referer', 'x-forwarded-for', 'x-real-ip', 'cookie',
      'authorization', 'x-requested-with', 'cache-control', 'accept-encoding', 'connection', 'if-none-match', 'range'),
    fc.stringMatching(/^x-[a-z0-9-]{1,20}$/),
  ),
  fc.oneof(
    printable(120),
    fc.constantFrom('*/*', 'application/json', 'text/html', 'vi-VN,vi;q=0.9', 'null', 'https://evil.example', 'close',
      'keep-alive', 'gzip, br', 'bytes=0-10', '127.0.0.1, 10.0.0.1'),
    fc.ipV4(),
  ),
  { maxKeys: 4 },
);

/** Open polls are aimed at most: only there can a vote be counted (or miscounted). */
const TARGET_WEIGHTS: Readonly<Record<(typeof POLL_IDS)[number], number>> = {
  single: 4,
  multi: 4,
  'closed-by-date': 1,
  'closed-by-hand': 1,
};

function requestArbitrary(polls: ReadonlyMap<string, PollFacts>): fc.Arbitrary<FuzzRequest> {
  // A body is shaped for one poll and mostly sent to it; sometimes to another path entirely.
  const target = fc.oneof(
    ...POLL_IDS.map((id) => ({
      arbitrary: fc.record({
        segment: fc.oneof({ arbitrary: fc.constant<string>(id), weight: 16 }, { arbitrary: pollSegment, weight: 4 }),
        body: bodyFor(polls.get(id)!),
      }),
      weight: TARGET_WEIGHTS[id],
    })),
  );
  const method = fc.oneof(
    { arbitrary: fc.constant('POST'), weight: 75 },
    { arbitrary: fc.constant('GET'), weight: 18 },
    { arbitrary: fc.constantFrom('PUT', 'DELETE', 'PATCH'), weight: 7 },
  );
  return fc
    .record({
      method,
      target,
      tail: fc.nat(),
      search: query,
      type: contentType,
      headers: extraHeaders,
      withBody: fc.nat(9),
      chunked: fc.nat(9),
    })
    .map(({ method: verb, target: { segment, body }, tail, search, type, headers, withBody, chunked }) => {
      // Mostly POSTs carry bodies, but any method may.
      const sendsBody = verb === 'POST' ? withBody > 0 : withBody === 0;
      const bytes = sendsBody ? body.bytes : undefined;
      const all: Record<string, string> = { ...headers };
      if (type !== undefined && (sendsBody || withBody < 3)) all['content-type'] = type;
      const charsetOpen = type !== undefined && /charset=(?!"?utf-8"?\s*$)/i.test(type);
      return {
        method: verb,
        path: pathFor(verb, segment, tail, search),
        headers: all,
        body: bytes,
        chunked: bytes !== undefined && chunked === 0,
        lenient: Boolean(body.lenient) || charsetOpen,
      };
    });
}

const VOTE_SUFFIXES = ['/votes', '/votes', '/votes', '/votes', '/votes', '/votes', '/votes', '/votes', '', '/votes/', '/VOTES'];
const POLL_SUFFIXES = ['', '', '', '', '', '/votes', '/'];

function pathFor(method: string, segment: string, tail: number, search: string): string {
  const suffixes = method === 'GET' ? POLL_SUFFIXES : VOTE_SUFFIXES;
  const path = `/api/polls/${segment}${suffixes[tail % suffixes.length]}`;
  return tail % 9 === 0 ? `${path}?${search}` : path;
}

// ---------------------------------------------------------------------------------------
// The oracle: what docs/api.md allows the server to count
// ---------------------------------------------------------------------------------------

/**
 * The vote this request makes if it is one the server may count, else undefined. Written
 * from docs/api.md and the README, not from the server's code.
 */
function countableVote(request: FuzzRequest, polls: ReadonlyMap<string, PollFacts>): Vote | undefined {
  if (request.method !== 'POST' || request.body === undefined || request.body.length > BODY_LIMIT) return undefined;
  const match = /^\/api\/polls\/([^/?]*)\/votes(?:\?.*)?$/.exec(request.path);
  const pollId = match ? decodeSegment(match[1]!) : undefined;
  const facts = pollId === undefined ? undefined : polls.get(pollId);
  if (!facts) return undefined;
  const type = request.headers['content-type'];
  if (type === undefined || type.split(';')[0]!.trim().toLowerCase() !== 'application/json') return undefined;

  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(request.body));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const keys = Object.keys(value).sort();
  if (keys.length !== 2 || keys[0] !== 'options' || keys[1] !== 'voter') return undefined;
  const { options, voter } = value as { options: unknown; voter: unknown };
  if (typeof voter !== 'string' || !VOTER.test(voter)) return undefined;
  if (!Array.isArray(options) || options.length === 0 || (!facts.multiple && options.length > 1)) return undefined;
  if (!options.every((option) => typeof option === 'string' && facts.optionIds.includes(option))) return undefined;
  if (new Set(options).size !== options.length) return undefined;
  return { pollId: pollId!, voter, options: options as string[] };
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------
// Sending and checking
// ---------------------------------------------------------------------------------------

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

function send(agent: http.Agent, url: string, request: FuzzRequest): Promise<Answer> {
  const { hostname, port } = new URL(url);
  const headers = { ...request.headers };
  if (request.body !== undefined) {
    if (request.chunked) headers['transfer-encoding'] = 'chunked';
    else headers['content-length'] = String(request.body.length);
  }
  return new Promise((resolve, reject) => {
    const outgoing = http.request({ hostname, port, method: request.method, path: request.path, headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          contentType: response.headers['content-type'] ?? '',
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

/** What the fuzz observed, kept across runs (and across shrinking, which sends requests too). */
class Ledger {
  requests = 0;
  serverErrors = 0;
  readonly statuses = new Map<number, number>();
  /** pollId → voter → options of each acknowledged (201) vote. */
  readonly acknowledged = new Map<string, Map<string, string[]>>();
  /** `pollId voter` of every 409, each of which must have been acknowledged once. */
  readonly conflicts = new Set<string>();
  /** The highest totalVotes any answer showed, per poll: never above the final count. */
  readonly highestSeen = new Map<string, number>();

  constructor(private readonly polls: ReadonlyMap<string, PollFacts>) {}

  /** Checks one answer against docs/api.md; returns what is wrong, or undefined. */
  record(request: FuzzRequest, answer: Answer): string | undefined {
    this.requests++;
    this.statuses.set(answer.status, (this.statuses.get(answer.status) ?? 0) + 1);
    if (answer.status >= 500) this.serverErrors++;
    const vote = countableVote(request, this.polls);
    const facts = vote && this.polls.get(vote.pollId);

    if (answer.status === 201) {
      // Recorded before any check, so that the final tally matches the server even after a failure.
      if (vote) this.acknowledge(vote);
      if (!vote) return 'a vote docs/api.md does not allow was counted (201)';
      if (facts!.closed) return 'a vote in a closed poll was counted';
    }
    const problem = this.checkShape(answer);
    if (problem) return problem;
    if (vote && !request.lenient) {
      const expected = facts!.closed ? [410] : [201, 409];
      if (!expected.includes(answer.status)) return `a valid vote got ${answer.status}, expected ${expected.join(' or ')}`;
    }
    if (answer.status === 409 && vote) this.conflicts.add(`${vote.pollId} ${vote.voter}`);
    return undefined;
  }

  private acknowledge(vote: Vote): void {
    const voters = this.acknowledged.get(vote.pollId) ?? new Map<string, string[]>();
    this.acknowledged.set(vote.pollId, voters);
    // A second 201 for one voter is caught by the final count (one ballot stored per voter).
    voters.set(vote.voter, [...(voters.get(vote.voter) ?? []), ...vote.options]);
  }

  private checkShape(answer: Answer): string | undefined {
    if (answer.status >= 500) return `server error ${answer.status}: ${answer.text.slice(0, 300)}`;
    if (!answer.contentType.startsWith('application/json')) return `${answer.status} answered as "${answer.contentType}"`;
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(answer.text) as Record<string, unknown>;
    } catch {
      return `${answer.status} with a body that is not JSON: ${answer.text.slice(0, 200)}`;
    }
    if (answer.status >= 400) return this.checkError(answer.status, body);
    if (answer.status === 200 || answer.status === 201) return this.checkPoll(body as unknown as PollBody);
    return `unexpected status ${answer.status}`;
  }

  private checkError(status: number, body: Record<string, unknown>): string | undefined {
    const codes = ERROR_CODES[status];
    if (!codes) return `undocumented status ${status}: ${JSON.stringify(body).slice(0, 200)}`;
    if (typeof body.error !== 'string' || !codes.includes(body.error)) {
      return `${status} with error ${JSON.stringify(body.error)}, expected one of ${codes.join(', ')}: ${JSON.stringify(body).slice(0, 200)}`;
    }
    if (typeof body.message !== 'string' || body.message === '') return `${status} without a message`;
    if (status === 409 || status === 410) return this.checkPoll(body.poll as PollBody);
    return undefined;
  }

  private checkPoll(poll: PollBody | undefined): string | undefined {
    const facts = poll && this.polls.get(poll.id);
    if (!poll || !facts || !Array.isArray(poll.options) || typeof poll.totalVotes !== 'number') {
      return `not a poll of the fixture: ${JSON.stringify(poll).slice(0, 200)}`;
    }
    this.highestSeen.set(poll.id, Math.max(this.highestSeen.get(poll.id) ?? 0, poll.totalVotes));
    return undefined;
  }
}

async function sendBatch(agent: http.Agent, server: ReferenceServer, ledger: Ledger, batch: FuzzRequest[]): Promise<void> {
  const failures: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < batch.length) {
      const request = batch[next++]!;
      let problem: string | undefined;
      try {
        problem = ledger.record(request, await send(agent, server.url, request));
      } catch (error) {
        problem = `no answer (${(error as Error).message}); the server ${server.child.exitCode === null ? 'runs' : 'has exited'}`;
      }
      if (problem) failures.push(`${problem}\n  request: ${describeRequest(request)}`);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  if (failures.length > 0) {
    assert.fail(`${failures.length} of ${batch.length} answers were wrong:\n${failures.slice(0, 5).join('\n')}`);
  }
}

function describeRequest(request: FuzzRequest): string {
  const body = request.body === undefined ? '(none)' : JSON.stringify(request.body.toString('latin1').slice(0, 300));
  return `${request.method} ${request.path} ${JSON.stringify(request.headers)} body=${body}${request.chunked ? ' chunked' : ''}`;
}

// ---------------------------------------------------------------------------------------
// The test
// ---------------------------------------------------------------------------------------

function tally(voters: ReadonlyMap<string, string[]> | undefined): { total: number; perOption: Record<string, number> } {
  const perOption: Record<string, number> = {};
  for (const options of voters?.values() ?? []) for (const option of options) perOption[option] = (perOption[option] ?? 0) + 1;
  return { total: voters?.size ?? 0, perOption };
}

function optionVotes(poll: PollBody): Record<string, number> {
  return Object.fromEntries(poll.options.map((option) => [option.id, option.votes]));
}

/** Counts straight from the stored rows, and the server's own counters beside them. */
async function storedCounts(dbPath: string, pollId: string) {
  const rows = await queryDatabase<{ voter: string; option_id: string }>(
    dbPath,
    'SELECT voter, option_id FROM vote_options WHERE poll_id = $1 ORDER BY voter, option_id',
    [pollId],
  );
  const ballots = (await queryDatabase<{ voter: string }>(dbPath, 'SELECT voter FROM votes WHERE poll_id = $1', [pollId])).map(
    (row) => row.voter,
  );
  const counters = await storedCounters(dbPath, pollId);
  const byVoter = new Map<string, string[]>();
  for (const row of rows) byVoter.set(row.voter, [...(byVoter.get(row.voter) ?? []), row.option_id]);
  return { ballots, byVoter, counter: counters.total, optionCounters: counters.perOption };
}

/** fast-check would print the whole batch (up to 64 requests of up to 60 KB); the failing ones are enough. */
function reportFirstFailure(details: fc.RunDetails<[FuzzRequest[]]>): void {
  if (!details.failed) return;
  const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  throw new Error(`fuzz failed in batch ${details.numRuns} of ${RUNS} (FUZZ_SEED=${details.seed}):\n${cause}`);
}

describe('fuzzing the poll API', () => {
  it('answers paths the router refuses in the documented shape: bad percent-encoding, over-long ids', async () => {
    // Found by the fuzz: Fastify answered these in its own shape ("error": "Bad Request", even status 414).
    const server = await startReferenceServer({ env: { EGOV_POLLS: FIXTURE_POLLS } });
    const badUrl = { error: 'bad_request', message: 'The address is not valid percent-encoded UTF-8.' };
    const notFound = { error: 'not_found', message: 'Nothing is published at this address.' };
    try {
      for (const [method, path, status, expected] of [
        ['GET', '/api/polls/%zz', 400, badUrl],
        ['GET', '/api/polls/%ED%A0%80', 400, badUrl],
        ['POST', '/api/polls/%E0%A4%A/votes', 400, badUrl],
        ['POST', `/api/polls/${'a'.repeat(101)}/votes`, 404, notFound],
      ] as const) {
        const answer = await send(http.globalAgent, server.url, {
          method,
          path,
          headers: { 'content-type': 'application/json' },
          body: method === 'POST' ? Buffer.from('{}') : undefined,
          chunked: false,
          lenient: false,
        });
        assert.equal(answer.status, status, path);
        assert.deepEqual(JSON.parse(answer.text), expected, path);
      }
    } finally {
      await server.stop();
    }
  });

  it(`answers ${TOTAL_REQUESTS}+ random requests without a 5xx, and counts exactly the votes it acknowledged`, async () => {
    console.log(`fuzz seed: ${SEED} (rerun with FUZZ_SEED=${SEED})`);
    const server = await startReferenceServer({ env: { EGOV_POLLS: FIXTURE_POLLS } });
    const agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
    const started = Date.now();
    try {
      const before = new Map<string, PollBody>();
      const polls = new Map<string, PollFacts>();
      for (const id of POLL_IDS) {
        const poll = await getPoll(server.url, id);
        before.set(id, poll);
        polls.set(id, { multiple: poll.multiple, closed: poll.closed, optionIds: poll.options.map((option) => option.id) });
      }
      const ledger = new Ledger(polls);

      await fc.assert(
        fc.asyncProperty(fc.array(requestArbitrary(polls), { minLength: BATCH, maxLength: BATCH }), (batch) =>
          sendBatch(agent, server, ledger, batch),
        ),
        // No shrinking: the server keeps state, and each failure already names its request.
        { seed: SEED, numRuns: RUNS, endOnFailure: true, reporter: reportFirstFailure },
      );

      // The server is still up and healthy.
      assert.equal(server.child.exitCode, null, 'the server exited during the fuzz');
      assert.equal((await fetch(`${server.url}/api/health`)).status, 200);
      assert.equal(ledger.serverErrors, 0);
      for (const conflict of ledger.conflicts) {
        const [pollId, voter] = conflict.split(' ');
        assert.ok(ledger.acknowledged.get(pollId!)?.has(voter!), `409 for ${conflict}, which was never acknowledged`);
      }

      // What the API serves equals what it acknowledged, on top of what was there before.
      const served = new Map<string, PollBody>();
      for (const id of POLL_IDS) {
        const poll = await getPoll(server.url, id);
        served.set(id, poll);
        const added = tally(ledger.acknowledged.get(id));
        const expectedOptions = optionVotes(before.get(id)!);
        for (const [option, count] of Object.entries(added.perOption)) expectedOptions[option]! += count;
        assert.equal(poll.totalVotes, before.get(id)!.totalVotes + added.total, `${id}: totalVotes`);
        assert.deepEqual(optionVotes(poll), expectedOptions, `${id}: option votes`);
        assert.ok((ledger.highestSeen.get(id) ?? 0) <= poll.totalVotes, `${id}: an answer showed more votes than exist`);
      }
      assert.equal(await server.stop(), 0, 'a healthy server exits cleanly on SIGTERM');

      // The database, read directly: one row per acknowledged ballot, no other, counters equal to the rows.
      let counted = 0;
      let stored = 0;
      for (const id of POLL_IDS) {
        const rows = await storedCounts(server.dbPath, id);
        const poll = served.get(id)!;
        const seeded = before.get(id)!.totalVotes;
        const mine = ledger.acknowledged.get(id) ?? new Map<string, string[]>();
        assert.equal(rows.ballots.length, poll.totalVotes, `${id}: rows in votes`);
        assert.equal(rows.counter, rows.ballots.length, `${id}: the ballot counter`);
        assert.deepEqual(rows.optionCounters, optionVotes(poll), `${id}: the option counters`);
        const perOption: Record<string, number> = Object.fromEntries(poll.options.map((option) => [option.id, 0]));
        for (const options of rows.byVoter.values()) for (const option of options) perOption[option]! += 1;
        assert.deepEqual(perOption, optionVotes(poll), `${id}: rows in vote_options`);
        if (seeded === 0) {
          // Maps compare regardless of order; the rows come sorted by option id.
          const expected = new Map([...mine].map(([voter, options]) => [voter, [...options].sort()]));
          assert.deepEqual(rows.byVoter, expected, `${id}: stored ballots`);
        }
        counted += mine.size;
        stored += rows.ballots.length - seeded;
      }

      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const statuses = [...ledger.statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(' ');
      console.log(
        `figure: fuzz: ${ledger.requests} requests (seed ${SEED}, ${seconds} s), ${ledger.serverErrors} 5xx, ` +
          `${counted} votes counted = ${stored} stored; statuses ${statuses}`,
      );
      assert.ok(ledger.requests >= TOTAL_REQUESTS);
      assert.equal(counted, stored);
    } finally {
      agent.destroy();
      await server.stop();
    }
  });
});
