/**
 * The editors' API (`{endpoint}/admin/…`, see docs/api.md) as typed calls. Every request carries the
 * session cookie (`same-origin`) and goes through the kit's `fetchJson`, so failures arrive as one
 * `EgovFetchError` (network, timeout, http with its status and `Retry-After`, parse, shape).
 */
import { EgovFetchError, fetchJson, type FetchJsonOptions } from '../../../src/shared/fetch-json.js';
import type { Lang } from '../../../src/shared/i18n.js';
import { apiBase, parsePoll, type Poll } from '../../../src/poll/poll-data.js';
import {
  expectArray, expectObject, isObject, optionalString, ownValue, requiredBoolean, requiredString,
} from '../../../src/shared/validate.js';

/** A poll as editors see it: the public poll, plus whether it is archived and when it last changed. */
export interface AdminPoll extends Poll {
  archived: boolean;
  updatedAt: string | undefined;
}

/** What the server records in the audit log (the server's own type: erased from the page's script). */
export type { AuditAction } from '../../storage/storage.js';

export interface AuditEntry {
  at: string;
  actor: string;
  /** One of `AuditAction`; a newer server's other actions are shown as they come. */
  action: string;
  pollId: string | undefined;
  /** The server's own words about the change, if any. */
  detail: string;
}

export interface OptionDraft {
  /** Absent for an option being added. */
  id?: string;
  label: string;
}

export interface PollDraft {
  /** Absent: the server makes one from the question. */
  id?: string;
  question: string;
  multiple: boolean;
  /** ISO 8601 with its offset, or null for a poll without an end. */
  closesAt: string | null;
  options: OptionDraft[];
}

export interface PollChanges {
  question?: string;
  closesAt?: string | null;
  closed?: boolean;
  archived?: boolean;
  /** The full ordered list: an option with `id` is kept, one without is added, one missing is removed. */
  options?: OptionDraft[];
  /**
   * The poll's `updatedAt` the change was made on: another version on the server is a `412
   * poll_changed` carrying it (`changedPoll`), and nothing is saved.
   */
  updatedAt?: string;
}

function parseAdminPoll(data: unknown): AdminPoll {
  const json = expectObject(data, 'poll');
  return { ...parsePoll(json), archived: requiredBoolean(json, 'archived'), updatedAt: optionalString(json, 'updatedAt') };
}

/** The poll as it is now on the server, sent with a `412 poll_changed`; undefined for another answer. */
export function changedPoll(error: unknown): AdminPoll | undefined {
  if (!(error instanceof EgovFetchError) || error.status !== 412 || !isObject(error.body)) return undefined;
  try {
    return parseAdminPoll(ownValue(error.body, 'poll'));
  } catch {
    return undefined;
  }
}

function parsePolls(data: unknown): AdminPoll[] {
  const json = expectObject(data, 'answer');
  return expectArray(ownValue(json, 'polls'), 'polls').map(parseAdminPoll);
}

function parseAuditEntry(value: unknown, index: number): AuditEntry {
  const path = `entries[${index}]`;
  const json = expectObject(value, path);
  const detail = ownValue(json, 'detail');
  return {
    at: requiredString(json, 'at', `${path}.at`),
    actor: requiredString(json, 'actor', `${path}.actor`),
    action: requiredString(json, 'action', `${path}.action`),
    pollId: optionalString(json, 'pollId', `${path}.pollId`),
    detail: describeDetail(detail),
  };
}

/** The audit detail as text: the server may send a sentence or a small object of changed fields. */
function describeDetail(detail: unknown): string {
  if (detail === undefined || detail === null) return '';
  if (typeof detail === 'string') return detail;
  return JSON.stringify(detail);
}

function parseAudit(data: unknown): AuditEntry[] {
  const json = expectObject(data, 'answer');
  return expectArray(ownValue(json, 'entries'), 'entries').map(parseAuditEntry);
}

function parseUsername(data: unknown): string {
  return requiredString(expectObject(data, 'session'), 'username');
}

/** For `204` answers: nothing to read. */
function parseNothing(): void {}

/**
 * The machine code (`error`) of an error body `{error, message}`, when the server sent one: what
 * the page translates. The `message` is English for logs, never shown to the editor.
 */
function serverErrorCode(body: unknown): string | undefined {
  const code = isObject(body) ? ownValue(body, 'error') : undefined;
  return typeof code === 'string' && code ? code : undefined;
}

/** Whether `error` is the server's refusal with `status` and the `{error}` code `code`. */
export function refusedWith(error: unknown, status: number, code: string): boolean {
  return error instanceof EgovFetchError && error.status === status && serverErrorCode(error.body) === code;
}

/**
 * The field a `400 bad_request` about a poll's body names, as the names on its way
 * (`"field": "/options/2/label"`, a JSON Pointer into the body: `['options', '2', 'label']`);
 * undefined when the server names none (the body as a whole, or an older server).
 */
export function refusedField(error: unknown): string[] | undefined {
  if (!(error instanceof EgovFetchError) || !refusedWith(error, 400, 'bad_request') || !isObject(error.body)) return undefined;
  const field = ownValue(error.body, 'field');
  return typeof field === 'string' && field.startsWith('/') ? field.slice(1).split('/') : undefined;
}

export class AdminApi {
  /** `endpoint` is the poll API's base (`/api`); the editors' API is under `{endpoint}/admin/`. */
  constructor(private readonly endpoint: string) {}

  /** The poll API's base as an absolute URL, as a portal page would embed it. */
  get publicEndpoint(): string {
    return new URL(apiBase(this.endpoint), document.baseURI).href;
  }

  /** The signed-in editor's name; rejects with a `401` when nobody is signed in. */
  session(signal?: AbortSignal): Promise<string> {
    return this.call('session', parseUsername, { signal });
  }

  signIn(username: string, password: string): Promise<void> {
    return this.call('session', parseNothing, { method: 'POST', body: { username, password } });
  }

  signOut(): Promise<void> {
    return this.call('session', parseNothing, { method: 'DELETE' });
  }

  polls(signal?: AbortSignal): Promise<AdminPoll[]> {
    return this.call('polls', parsePolls, { signal });
  }

  create(draft: PollDraft): Promise<AdminPoll> {
    return this.call('polls', parseAdminPoll, { method: 'POST', body: draft });
  }

  update(pollId: string, changes: PollChanges): Promise<AdminPoll> {
    return this.call(`polls/${encodeURIComponent(pollId)}`, parseAdminPoll, { method: 'PATCH', body: changes });
  }

  audit(signal?: AbortSignal): Promise<AuditEntry[]> {
    return this.call('audit', parseAudit, { signal });
  }

  /**
   * Where the browser downloads a poll's results (the session cookie goes with the link), their
   * header in the editor's language.
   */
  csvUrl(pollId: string, lang: Lang): string {
    return `${this.publicEndpoint}/admin/polls/${encodeURIComponent(pollId)}/results.csv${lang === 'en' ? '?lang=en' : ''}`;
  }

  private call<T>(path: string, parse: (data: unknown) => T, options: FetchJsonOptions): Promise<T> {
    return fetchJson(`${this.publicEndpoint}/admin/${path}`, parse, { ...options, credentials: 'same-origin' });
  }
}
