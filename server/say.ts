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
 * An unexpected error as the operator needs it, as console.error would print it: its stack, and
 * what the error carries besides (a driver's `code`, `detail` and `hint`, a `cause`).
 */
export function described(error: unknown): string {
  return inspect(error);
}
