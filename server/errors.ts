/**
 * The two kinds of failure the server reports on purpose.
 */

/**
 * A problem the operator must fix, found while starting (configuration, polls file, database)
 * or by a command (`user add` with a weak password…): printed as one line, then exit 1.
 */
export class StartupError extends Error {
  override name = 'StartupError';
}

/**
 * A database whose schema a newer version of the server made (after a downgrade, or a server of
 * another version started on it): never changed by this one; what to do instead.
 */
export function newerSchema(database: string, version: number, known: number): StartupError {
  return new StartupError(
    `the database ${database} has schema version ${version}, newer than this server knows (${known}): a newer version of ` +
      'egov-widgets has used it. Run that version, or restore the backup taken before it was installed.',
  );
}

/**
 * Every machine-readable `error` code the API answers with. Clients translate by this code
 * (and the HTTP status); the English `message` is for people reading logs and curl output.
 */
export type ErrorCode =
  | 'bad_request'
  | 'bad_voter'
  | 'no_option'
  | 'too_many_options'
  | 'duplicate_option'
  | 'unknown_option'
  | 'not_found'
  | 'forbidden'
  | 'already_voted'
  | 'closed'
  | 'too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'unavailable'
  | 'timeout'
  | 'internal'
  // The editors' API:
  | 'unauthorized'
  | 'bad_credentials'
  | 'id_taken'
  | 'option_has_votes'
  | 'closes_at_passed'
  | 'poll_changed';

/** An answer other than success, sent as `{error, message, ...extra}`. */
export class ApiError extends Error {
  override name = 'ApiError';

  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    /** More fields for the body, such as the current results with a 409. */
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }

  toBody(): Record<string, unknown> {
    return { error: this.code, message: this.message, ...this.extra };
  }
}
