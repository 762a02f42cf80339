/**
 * Reads the polls file (`EGOV_POLLS`) and checks it thoroughly, because a mistake in it
 * must stop the server with a message that says where, not surface later as odd results.
 * The format is documented in server/README.md.
 */
import { readFileSync } from 'node:fs';
import { StartupError } from '../errors.js';
import { MAX_LABEL_LENGTH, MAX_OPTION_ID_LENGTH, MAX_OPTIONS, MAX_POLL_ID_LENGTH, MAX_QUESTION_LENGTH, SLUG } from './poll-rules.js';

/**
 * A poll that breaks a rule of the format, with where (`polls[0].options[1].id must be …`).
 * At start it becomes a StartupError; from the editors' API a `400`.
 */
export class InvalidPollError extends Error {
  override name = 'InvalidPollError';

  constructor(
    message: string,
    /** The value at fault, as the message names it (`body.options[1].label`); none for the file as a whole. */
    readonly where?: string,
  ) {
    super(message);
  }
}

export interface OptionDefinition {
  id: string;
  label: string;
  /** Demo votes stored (as real, anonymous ballots) when the poll is first created. */
  seedVotes: number;
}

export interface PollDefinition {
  id: string;
  question: string;
  multiple: boolean;
  /** ISO 8601 in UTC, or null for a poll without an end. */
  closesAt: string | null;
  /** Closed by hand, whatever `closesAt` says. */
  closed: boolean;
  options: OptionDefinition[];
}

const MAX_SEED_VOTES = 100_000;
/** A time zone is required so that a closing time means the same instant everywhere. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

const POLL_KEYS = new Set(['id', 'question', 'multiple', 'closesAt', 'closed', 'options']);
const OPTION_KEYS = new Set(['id', 'label', 'seedVotes']);

export function readPollFile(filePath: string): PollDefinition[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(filePath);
  } catch (error) {
    throw new StartupError(`cannot read the polls file ${filePath}: ${(error as Error).message}`);
  }
  const text = utf8Text(bytes, filePath);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new StartupError(`the polls file ${filePath} is not valid JSON: ${jsonMistake(text) ?? (error as Error).message.replace(/\s+/g, ' ')}`);
  }
  try {
    return parsePolls(data);
  } catch (error) {
    if (error instanceof InvalidPollError) {
      throw new StartupError(`the polls file ${filePath} is invalid: ${error.message}`);
    }
    throw error;
  }
}

/**
 * The file's text: UTF-8, with or without the byte-order mark Windows editors write (Notepad's
 * "UTF-8 with BOM"). Anything else (a Windows-1258 or Latin-1 file) is refused: read as UTF-8 its
 * Vietnamese letters would be published as replacement characters.
 */
function utf8Text(bytes: Uint8Array, filePath: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new StartupError(
      `the polls file ${filePath} is not UTF-8 text: save it as UTF-8 (in Notepad: Save as, Encoding "UTF-8"), or its Vietnamese letters would be published broken.`,
    );
  }
}

/**
 * The first mistake in `text`, which JSON.parse refused, as an editor would find it: what stands
 * there (a character one cannot see by its code, U+00A0), with its line and column, and a hint for
 * the mistakes of files written by hand. V8's own message gives no position for most of them (a
 * comma before `]`, quotes that are not `"`) and quotes the file across lines. Undefined if no
 * mistake is found (then V8's message is said).
 */
export function jsonMistake(text: string): string | undefined {
  const mistake = jsonMistakeAt(text);
  if (!mistake) return undefined;
  const { at, inText } = mistake;
  const lines = text.slice(0, at).split('\n');
  const place = `(line ${lines.length}, column ${lines.at(-1)!.length + 1})`;
  if (at >= text.length) return `the file ends before the JSON does ${place}${inText ? ': a text is not closed with "' : ''}`;
  const found = String.fromCodePoint(text.codePointAt(at)!);
  const unseen = /[\s\p{C}]/u.test(found);
  const hint = inText
    ? found === '\\'
      ? ': \\ starts an escape (\\n, \\t, \\", \\\\, \\uXXXX): write \\\\ for a backslash'
      : ': a text holds no tab or line break as it is: write \\t or \\n, or close the text with "'
    : /['‘’“”]/.test(found)
      ? `: names and texts take straight double quotes ("), not ' nor the curly quotes a word processor types`
      : /[\]}]/.test(found) && /,\s*$/.test(text.slice(0, at))
        ? ': the comma before it has nothing after it'
        : unseen
          ? ': a character one cannot see (pasted from a word processor?)'
          : '';
  const shown = unseen ? `U+${found.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : JSON.stringify(found);
  return `unexpected ${shown} ${place}${hint}`;
}

/** A JSON token at a place, but a string: punctuation, a number, or a literal. */
const JSON_TOKEN = /([{}[\]:,])|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

/**
 * Where JSON's grammar first fails in `text` (at its length: it ends too early), and whether inside
 * a string; undefined if it does not. A loop over tokens with a stack of the open brackets, and
 * strings read a character at a time, not by recursion nor a regular expression: a file nested a
 * million deep, or with a string of millions of characters, is told, not a crash.
 */
function jsonMistakeAt(text: string): { at: number; inText: boolean } | undefined {
  const open: string[] = [];
  // What may come next: a value; a value or `]` (just after `[`); a key; a key or `}` (just after
  // `{`); `:`; `,` or the close of the innermost bracket; nothing (the top-level value is over).
  let expect: 'value' | 'value]' | 'key' | 'key}' | ':' | ',' | 'end' = 'value';
  let at = 0;
  const mistake = (inText = false) => ({ at, inText });
  for (;;) {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at++;
    if (at === text.length) return expect === 'end' ? undefined : mistake();
    if (text[at] === '"') {
      if (expect !== 'value' && expect !== 'value]' && expect !== 'key' && expect !== 'key}') return mistake();
      const end = stringEnd(text, at);
      if (end < 0) {
        at = -end - 1;
        return mistake(true);
      }
      at = end;
      expect = expect.startsWith('key') ? ':' : open.length ? ',' : 'end';
      continue;
    }
    JSON_TOKEN.lastIndex = at;
    const token = JSON_TOKEN.exec(text);
    if (!token) return mistake();
    const [whole, mark] = token;
    const closes = mark === (open.at(-1) === '{' ? '}' : ']');
    if (expect === 'value' || expect === 'value]') {
      if (mark === '{' || mark === '[') {
        open.push(mark);
        expect = mark === '{' ? 'key}' : 'value]';
        at += 1;
        continue;
      }
      if (mark !== undefined && !(expect === 'value]' && mark === ']')) return mistake();
      if (mark === ']') open.pop();
    } else if (expect === 'key}' && mark === '}') {
      open.pop();
    } else if (expect === ':' && mark === ':') {
      expect = 'value';
      at += 1;
      continue;
    } else if (expect === ',' && mark === ',') {
      expect = open.at(-1) === '{' ? 'key' : 'value';
      at += 1;
      continue;
    } else if (expect === ',' && closes) {
      open.pop();
    } else return mistake();
    // A value is over (a number or literal, or a bracket just closed).
    at += whole.length;
    expect = open.length ? ',' : 'end';
  }
}

/**
 * From the `"` at `at`: the index past the string's closing quote, or, negative, where it breaks
 * JSON's rules (−1 − that index: a raw control character, a bad escape, the end of the text).
 */
function stringEnd(text: string, at: number): number {
  for (let index = at + 1; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x22) return index + 1;
    if (code < 0x20) return -1 - index;
    if (code === 0x5c) {
      const escape = text[index + 1] ?? '';
      const valid = escape === 'u' ? /^[0-9a-fA-F]{4}$/.test(text.slice(index + 2, index + 6)) : '"\\/bfnrt'.includes(escape);
      if (!valid) return -1 - index;
      index += escape === 'u' ? 5 : 1;
    }
  }
  return -1 - text.length;
}

/** Checks the parsed JSON `{ "polls": [...] }` and returns the normalised definitions. */
export function parsePolls(data: unknown): PollDefinition[] {
  if (!isRecord(data) || !Array.isArray(data.polls)) {
    throw new InvalidPollError('expected an object { "polls": [ ... ] }');
  }
  const polls = data.polls.map((poll, index) => parsePoll(poll, `polls[${index}]`));
  assertUnique(polls.map((poll) => poll.id), 'polls', 'poll id');
  return polls;
}

/**
 * Checks one poll against the rules of the format and returns it normalised (`closesAt` in
 * UTC). The editors' API checks the polls it saves here too, so both follow the same rules.
 */
export function parsePoll(value: unknown, where: string): PollDefinition {
  if (!isRecord(value)) throw new InvalidPollError(`${where} must be an object`, where);
  assertKnownKeys(value, POLL_KEYS, where);
  const id = readSlug(value.id, MAX_POLL_ID_LENGTH, `${where}.id`);
  const options = readOptions(value.options, `${where}.options`);
  return {
    id,
    question: readText(value.question, MAX_QUESTION_LENGTH, `${where}.question`),
    multiple: readBoolean(value.multiple, `${where}.multiple`, false),
    closesAt: readClosesAt(value.closesAt, `${where}.closesAt`),
    closed: readBoolean(value.closed, `${where}.closed`, false),
    options,
  };
}

function readOptions(value: unknown, where: string): OptionDefinition[] {
  if (!Array.isArray(value) || value.length < 2 || value.length > MAX_OPTIONS) {
    throw new InvalidPollError(`${where} must be a list of 2 to ${MAX_OPTIONS} options`, where);
  }
  const options = value.map((option, index) => readOption(option, `${where}[${index}]`));
  assertUnique(options.map((option) => option.id), where, 'option id');
  return options;
}

function readOption(value: unknown, where: string): OptionDefinition {
  if (!isRecord(value)) throw new InvalidPollError(`${where} must be an object`, where);
  assertKnownKeys(value, OPTION_KEYS, where);
  return {
    id: readSlug(value.id, MAX_OPTION_ID_LENGTH, `${where}.id`),
    label: readText(value.label, MAX_LABEL_LENGTH, `${where}.label`),
    seedVotes: readSeedVotes(value.seedVotes, `${where}.seedVotes`),
  };
}

function readSlug(value: unknown, maxLength: number, where: string): string {
  if (typeof value !== 'string' || value.length > maxLength || !SLUG.test(value)) {
    throw new InvalidPollError(
      `${where} must be a slug of lower-case letters, digits and single dashes (at most ${maxLength} characters)`,
      where,
    );
  }
  return value;
}

function readText(value: unknown, maxLength: number, where: string): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > maxLength) {
    throw new InvalidPollError(`${where} must be a non-empty string of at most ${maxLength} characters`, where);
  }
  return value;
}

function readBoolean(value: unknown, where: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new InvalidPollError(`${where} must be true or false`, where);
  return value;
}

function readClosesAt(value: unknown, where: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || !DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) {
    throw new InvalidPollError(`${where} must be null or a date-time with a time zone, such as "2018-02-28T23:59:59+07:00"`, where);
  }
  return new Date(value).toISOString();
}

function readSeedVotes(value: unknown, where: string): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_SEED_VOTES) {
    throw new InvalidPollError(`${where} must be a whole number from 0 to ${MAX_SEED_VOTES}`, where);
  }
  return value;
}

function assertKnownKeys(value: Record<string, unknown>, known: ReadonlySet<string>, where: string): void {
  for (const key of Object.keys(value)) {
    if (!known.has(key)) throw new InvalidPollError(`${where} has an unknown field "${key}"`, where);
  }
}

function assertUnique(ids: string[], where: string, what: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new InvalidPollError(`${where}: the ${what} "${id}" appears twice`, where);
    seen.add(id);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
