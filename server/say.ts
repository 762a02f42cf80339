import { inspect } from 'node:util';

/**
 * What the server tells its operator: one line on stderr (the journal, under systemd), always
 * starting `egov-widgets: `, whether the request log is on or off — its start-up warnings, its
 * faults, and what the operator may have to fix. What a command prints as its result (the server's
 * address, a list of editors) goes to stdout with console.log, where it is made.
 */
export function say(line: string): void {
  process.stderr.write(`egov-widgets: ${line}\n`);
}

/**
 * An unexpected error as the operator needs it: its stack, a driver's `code` and `hint`, and its
 * `cause`. Never a database's `detail` or `where`, which may hold a request's values (a voter's id).
 */
export function described(error: unknown): string {
  if (!(error instanceof Error)) return inspect(error);
  const { code, hint } = error as { code?: unknown; hint?: unknown };
  return [
    error.stack ?? error.message,
    code === undefined ? '' : `code: ${String(code)}`,
    typeof hint === 'string' ? `hint: ${hint}` : '',
    error.cause === undefined ? '' : `cause: ${described(error.cause)}`,
  ]
    .filter(Boolean)
    .join('\n');
}
