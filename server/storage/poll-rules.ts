/**
 * The rules a poll keeps wherever it is made — the polls file, the editors' API, the editors' page
 * (which checks a form before sending it): limits, ids and closing. Nothing here reads files, so
 * the page's bundle takes it too.
 */

/** Poll and option ids appear in URLs and request bodies: lower-case slugs only. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_POLL_ID_LENGTH = 100;
export const MAX_OPTION_ID_LENGTH = 64;
/** And more than a sidebar can show. */
export const MAX_OPTIONS = 50;
export const MAX_QUESTION_LENGTH = 500;
export const MAX_LABEL_LENGTH = 200;

/** Whether a closing time (ISO 8601 from a file, a form or SQLite, a Date from PostgreSQL) has come: a poll closes at it. */
export function closingTimePassed(closesAt: string | Date | null): boolean {
  if (closesAt === null) return false;
  return (typeof closesAt === 'string' ? Date.parse(closesAt) : closesAt.getTime()) <= Date.now();
}
