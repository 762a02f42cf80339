/**
 * The editors' API under `/api/admin/` (docs/api.md, "Editors' API"): sign-in and sign-out,
 * polls listed, created and changed, results as CSV, the audit trail.
 *
 * Every request but sign-in needs a session (401); every state-changing one, sign-in
 * included, must come from this server's own origin (403). Both are checked before the body
 * is read.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { decoyHash, MAX_PASSWORD_LENGTH, verifyPassword } from '../../accounts/passwords.js';
import { ApiError } from '../../errors.js';
import { InvalidPollError, parsePoll, type PollDefinition } from '../../storage/poll-file.js';
import {
  closingTimePassed,
  MAX_LABEL_LENGTH,
  MAX_OPTION_ID_LENGTH,
  MAX_OPTIONS,
  MAX_POLL_ID_LENGTH,
  MAX_QUESTION_LENGTH,
} from '../../storage/poll-rules.js';
import type { AdminPoll, AuditAction, AuditEntry, PollChanges, PollStorage } from '../../storage/storage.js';
import { foundPoll, pollNotFound } from '../error-replies.js';
import { idWithSuffix, pollIdBase, slugFromText } from './poll-ids.js';
import { type CsvLanguage, resultsCsv } from './results-csv.js';
import { assertSameOrigin, notSignedIn, originRefusalReporter, Sessions, type SignedInEditor } from './sessions.js';
import { SignInThrottle } from './sign-in-throttle.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the editors' API for a request with a valid session. */
    editor: SignedInEditor | null;
  }
}

/** A poll with 50 options of 200 Vietnamese characters needs more than the votes' 4 KB. */
const ADMIN_BODY_LIMIT_BYTES = 64 * 1024;
const AUDIT_LIMIT = 200;
/** An option's id when its label gives no letter or digit to make one from. */
const FALLBACK_OPTION_ID = 'phuong-an';
/** Tries of `id-2`, `id-3`… for a poll whose id is made from its question. */
const MAX_ID_TRIES = 1000;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

interface OptionInput {
  id?: string;
  label: string;
}

interface CreateBody {
  id?: string;
  question: string;
  multiple?: boolean;
  closesAt?: string | null;
  options: OptionInput[];
}

type PatchBody = Omit<PollChanges, 'options'> & {
  options?: OptionInput[];
  /** The poll's `updatedAt` the change was made on, as `If-Match` says it (see `basedOn`). */
  updatedAt?: string;
};

interface CsvQuery {
  lang?: CsvLanguage;
}

/** `?lang=en`: the CSV's header and total in English, shares with a decimal point. */
const csvQuerySchema = {
  type: 'object',
  properties: { lang: { type: 'string', enum: ['vi', 'en'] } },
} as const;

interface PollParams {
  id: string;
}

// The schemas fix the shapes (types, no unknown field); the rules and limits are the polls
// file's (`parsePoll`), checked on the whole poll once its ids are known.
const optionsSchema = {
  type: 'array',
  maxItems: MAX_OPTIONS,
  items: {
    type: 'object',
    required: ['label'],
    additionalProperties: false,
    properties: { id: { type: 'string', maxLength: MAX_OPTION_ID_LENGTH }, label: { type: 'string', maxLength: MAX_LABEL_LENGTH } },
  },
} as const;
const questionSchema = { type: 'string', maxLength: MAX_QUESTION_LENGTH } as const;
const closesAtSchema = { type: ['string', 'null'], maxLength: 40 } as const;

const signInSchema = {
  type: 'object',
  required: ['username', 'password'],
  additionalProperties: false,
  properties: { username: { type: 'string', maxLength: 64 }, password: { type: 'string', maxLength: MAX_PASSWORD_LENGTH } },
} as const;

const createSchema = {
  type: 'object',
  required: ['question', 'options'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', maxLength: MAX_POLL_ID_LENGTH },
    question: questionSchema,
    multiple: { type: 'boolean' },
    closesAt: closesAtSchema,
    options: optionsSchema,
  },
} as const;

const patchSchema = {
  type: 'object',
  minProperties: 1,
  additionalProperties: false,
  properties: {
    question: questionSchema,
    closesAt: closesAtSchema,
    closed: { type: 'boolean' },
    archived: { type: 'boolean' },
    options: optionsSchema,
    updatedAt: { type: 'string', maxLength: 40 },
  },
} as const;

/** `If-Match: "<updatedAt>"`: one strong entity tag, or `*` (any version). */
const IF_MATCH = /^\s*(?:\*|"([^"]*)")\s*$/;

export function registerAdminApi(app: FastifyInstance, store: PollStorage): void {
  const sessions = new Sessions(store.accounts);
  const throttle = new SignInThrottle(store.accounts);
  const reportOrigin = originRefusalReporter();
  app.decorateRequest('editor', null);
  // Made now, so that even the first sign-in with an unknown name takes no longer than others.
  void decoyHash();

  void app.register(
    async (admin) => {
      // GET /api/openapi.json describes the public poll API only; docs/api.md describes this one.
      admin.addHook('onRoute', (route) => {
        route.schema = { ...route.schema, hide: true };
      });
      admin.addHook('onRequest', async (request) => {
        if (!SAFE_METHODS.has(request.method)) assertSameOrigin(request, reportOrigin);
        if (request.method === 'POST' && request.routeOptions.url === '/api/admin/session') return;
        request.editor = (await sessions.find(request)) ?? null;
        if (!request.editor) throw notSignedIn();
      });

      admin.get('/session', async (request) => ({ username: editorOf(request).username }));

      admin.post<{ Body: { username: string; password: string } }>(
        '/session',
        { schema: { body: signInSchema } },
        async (request, reply) => {
          const { username, password } = request.body;
          const outcome = await throttle.attempt(username, request.ip, async () => {
            const stored = await store.accounts.readPasswordHash(username);
            // An unknown name is checked against a decoy, so it takes as long as a wrong password.
            const matches = await verifyPassword(password, stored ?? (await decoyHash()));
            return matches && stored !== undefined;
          });
          if (!outcome.allowed) {
            // The error handler also sets Retry-After from retryAfter.
            throw new ApiError(429, 'rate_limited', 'Too many failed sign-ins; try again later.', {
              retryAfter: outcome.retryAfterSeconds,
            });
          }
          if (!outcome.signedIn) throw new ApiError(401, 'bad_credentials', 'Wrong user name or password.');
          await sessions.open(username, request, reply);
          await store.appendAudit(auditEntry(username, 'sign-in', null, null));
          return reply.code(204).send();
        },
      );

      admin.delete('/session', async (request, reply) => {
        const editor = editorOf(request);
        await sessions.close(editor, request, reply);
        await store.appendAudit(auditEntry(editor.username, 'sign-out', null, null));
        return reply.code(204).send();
      });

      admin.get('/polls', async () => ({ polls: await store.listPolls() }));

      admin.post<{ Body: CreateBody }>(
        '/polls',
        { schema: { body: createSchema }, bodyLimit: ADMIN_BODY_LIMIT_BYTES },
        async (request, reply) => {
          const poll = await createPoll(store, request.body, editorOf(request).username);
          return reply.code(201).send(poll);
        },
      );

      admin.patch<{ Params: PollParams; Body: PatchBody }>(
        '/polls/:id',
        { schema: { body: patchSchema }, bodyLimit: ADMIN_BODY_LIMIT_BYTES },
        async (request) => updatePoll(store, request.params.id, request.body, basedOn(request), editorOf(request).username),
      );

      admin.get<{ Params: PollParams; Querystring: CsvQuery }>(
        '/polls/:id/results.csv',
        { schema: { querystring: csvQuerySchema } },
        async (request, reply) => {
          const poll = foundPoll(await store.readAdminPoll(request.params.id));
          return reply
            .header('Content-Type', 'text/csv; charset=utf-8')
            .header('Content-Disposition', `attachment; filename="${poll.id}.csv"`)
            .send(resultsCsv(poll, request.query.lang));
        },
      );

      admin.get('/audit', async () => ({ entries: await store.listAudit(AUDIT_LIMIT) }));
    },
    { prefix: '/api/admin' },
  );
}

function editorOf(request: FastifyRequest): SignedInEditor {
  if (!request.editor) throw notSignedIn();
  return request.editor;
}

async function createPoll(store: PollStorage, body: CreateBody, actor: string): Promise<AdminPoll> {
  const options = withOptionIds(body.options, new Set());
  const derivedId = body.id === undefined;
  const base = body.id ?? pollIdBase(body.question, MAX_POLL_ID_LENGTH);
  const poll = checkPoll({ id: base, question: body.question, multiple: body.multiple, closesAt: body.closesAt, options });
  // An id made from the question moves on to `-2`, `-3`…; an id the editor chose is theirs or a 409.
  for (let number = 1; number <= MAX_ID_TRIES; number++) {
    const id = idWithSuffix(base, number, MAX_POLL_ID_LENGTH);
    const outcome = await store.createPoll({ ...poll, id }, auditEntry(actor, 'create', id, poll.question));
    if (outcome === 'created') return foundPoll(await store.readAdminPoll(id));
    if (!derivedId) break;
  }
  throw new ApiError(409, 'id_taken', 'A poll with this id exists already (archived ones count too).');
}

/**
 * The version a PATCH was made on, if it says: `If-Match: "<updatedAt>"`, or `updatedAt` in the
 * body (the editors' page's way: the kit's fetch sends no header of its own). Both given must agree.
 */
function basedOn(request: FastifyRequest<{ Body: PatchBody }>): string | undefined {
  const header = request.headers['if-match'];
  const fromBody = request.body.updatedAt;
  if (header === undefined) return fromBody;
  const match = IF_MATCH.exec(header);
  if (!match) throw new ApiError(400, 'bad_request', 'If-Match must be one entity tag, "<updatedAt>" (or *).');
  const fromHeader = match[1];
  if (fromHeader !== undefined && fromBody !== undefined && fromHeader !== fromBody) {
    throw new ApiError(400, 'bad_request', 'If-Match and body.updatedAt name different versions.');
  }
  return fromHeader ?? fromBody;
}

/** The 412 of a change made on another version than the stored one, with the stored one. */
function pollChanged(poll: AdminPoll | undefined): ApiError {
  return new ApiError(
    412,
    'poll_changed',
    `The poll has changed since the version this change was made on (updatedAt ${poll?.updatedAt}). Nothing was changed.`,
    { poll },
  );
}

async function updatePoll(store: PollStorage, pollId: string, body: PatchBody, expected: string | undefined, actor: string): Promise<AdminPoll> {
  const current = foundPoll(await store.readAdminPoll(pollId));
  // Before the rules: a change made on an old version is judged on that version (an option it
  // keeps may be gone), so the editor hears first that the poll is not what they saw.
  if (expected !== undefined && current.updatedAt !== expected) throw pollChanged(current);
  const { updatedAt: _version, ...fields } = body;
  if (Object.keys(fields).length === 0) throw new ApiError(400, 'bad_request', 'body must change at least one field (updatedAt alone changes nothing).');
  const options = body.options && withKnownOptionIds(body.options, current);
  // The poll as it would be, checked whole by the polls file's rules.
  const checked = checkPoll({
    id: current.id,
    question: body.question ?? current.question,
    multiple: current.multiple,
    closesAt: body.closesAt === undefined ? current.closesAt : body.closesAt,
    options: options ?? current.options.map(({ id, label }) => ({ id, label })),
  });
  // Reopened, it would still be closed by its closing time: said, not answered 200 with the poll closed.
  if (body.closed === false && closingTimePassed(checked.closesAt)) {
    throw new ApiError(
      409,
      'closes_at_passed',
      `The poll's closing time (${checked.closesAt}) has passed: reopen it with a later closesAt (or null). Nothing was changed.`,
    );
  }
  const changes: PollChanges = {
    ...(body.question !== undefined && { question: checked.question }),
    ...(body.closesAt !== undefined && { closesAt: checked.closesAt }),
    ...(body.closed !== undefined && { closed: body.closed }),
    ...(body.archived !== undefined && { archived: body.archived }),
    ...(options && { options: checked.options.map(({ id, label }) => ({ id, label })) }),
  };
  const result = await store.updatePoll(pollId, changes, auditEntries(current, changes, actor), expected);
  if (result.outcome === 'not_found') throw pollNotFound();
  // Changed between the read above and the transaction: checked there again, atomically.
  if (result.outcome === 'poll_changed') throw pollChanged(await store.readAdminPoll(pollId));
  if (result.outcome === 'option_has_votes') {
    throw new ApiError(
      409,
      'option_has_votes',
      `The option "${result.optionId}" has votes and cannot be removed; keep it (its label may change). Nothing was changed.`,
      { option: result.optionId },
    );
  }
  return foundPoll(await store.readAdminPoll(pollId));
}

/** Ids for the options given without one, made from their labels, unique in the poll. */
function withOptionIds(options: readonly OptionInput[], taken: Set<string>): { id: string; label: string }[] {
  for (const option of options) if (option.id !== undefined) taken.add(option.id);
  return options.map(({ id, label }) => ({ id: id ?? newOptionId(label, taken), label }));
}

/**
 * The new option list of a PATCH: an id must be one of the poll's options (kept, relabelled,
 * moved); without one, the option is new, and its id is never one the poll has had, so that
 * no new option inherits another's votes.
 */
function withKnownOptionIds(options: readonly OptionInput[], current: AdminPoll): { id: string; label: string }[] {
  const known = new Set(current.options.map((option) => option.id));
  options.forEach((option, index) => {
    if (option.id !== undefined && !known.has(option.id)) {
      throw new ApiError(400, 'unknown_option', `body.options[${index}].id is not an option of this poll; leave id out to add an option.`);
    }
  });
  return withOptionIds(options, known);
}

function newOptionId(label: string, taken: Set<string>): string {
  const base = slugFromText(label, MAX_OPTION_ID_LENGTH) || FALLBACK_OPTION_ID;
  let id = base;
  for (let number = 2; taken.has(id); number++) id = idWithSuffix(base, number, MAX_OPTION_ID_LENGTH);
  taken.add(id);
  return id;
}

/**
 * The value a polls-file rule refused (`body.options[2].label`) as a JSON Pointer into the body
 * (`/options/2/label`), as error-replies.ts names a field the schema refused; none for the body as
 * a whole.
 */
function fieldOf(where: string | undefined): string | undefined {
  const path = where?.replace(/^body/, '');
  return path ? path.replace(/\.(\w+)|\[(\d+)\]/g, (_, name: string | undefined, index: string | undefined) => `/${name ?? index}`) : undefined;
}

/** The polls file's rules (poll-file.ts), answering 400 with where the problem is. */
function checkPoll(poll: {
  id: string;
  question: string;
  multiple: boolean | undefined;
  closesAt: string | null | undefined;
  options: { id: string; label: string }[];
}): PollDefinition {
  try {
    return parsePoll(poll, 'body');
  } catch (error) {
    if (error instanceof InvalidPollError) {
      const field = fieldOf(error.where);
      throw new ApiError(400, 'bad_request', `${error.message}.`, field ? { field } : {});
    }
    throw error;
  }
}

/** What a PATCH did, for the audit trail: an `update` naming the fields, then close/reopen, archive/unarchive. */
function auditEntries(current: AdminPoll, changes: PollChanges, actor: string): AuditEntry[] {
  const entries: AuditEntry[] = [];
  const edited = [
    changes.question !== undefined && changes.question !== current.question && 'question',
    changes.closesAt !== undefined && changes.closesAt !== current.closesAt && 'closesAt',
    changes.options !== undefined && !sameOptions(changes.options, current.options) && 'options',
  ].filter((field) => field !== false);
  if (edited.length > 0) entries.push(auditEntry(actor, 'update', current.id, edited.join(', ')));
  if (changes.closed !== undefined && changes.closed !== current.closed) {
    entries.push(auditEntry(actor, changes.closed ? 'close' : 'reopen', current.id, null));
  }
  if (changes.archived !== undefined && changes.archived !== current.archived) {
    entries.push(auditEntry(actor, changes.archived ? 'archive' : 'unarchive', current.id, null));
  }
  return entries;
}

function sameOptions(next: readonly { id: string; label: string }[], stored: readonly { id: string; label: string }[]): boolean {
  return next.length === stored.length && next.every((option, index) => option.id === stored[index]!.id && option.label === stored[index]!.label);
}

function auditEntry(actor: string, action: AuditAction, pollId: string | null, detail: string | null): AuditEntry {
  return { at: new Date().toISOString(), actor, action, pollId, detail };
}
