/**
 * What the server tells its operator: one line on stderr (the journal, under systemd), always
 * starting `egov-widgets: `, whether the request log is on or off — its start-up warnings, its
 * faults, and what the operator may have to fix. What a command prints as its result (the server's
 * address, a list of editors) goes to stdout with console.log, where it is made.
 */
export function say(line: string): void {
  process.stderr.write(`egov-widgets: ${line}\n`);
}

/** An unexpected error as the operator needs it: its stack where it has one. */
export function described(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
