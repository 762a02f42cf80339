/**
 * The PostgreSQL schema. Versions are applied in order; the one row of `schema_version` records
 * how many ran (`migrate` in db.ts). Append new migrations, never edit old ones: existing
 * databases have already run them.
 *
 * Same tables as SQLite's, except the counters. SQLite has one writer at a time, so a counter
 * column per poll and per option costs nothing there. Here many connections (of many server
 * processes) vote at once, and one counter row per poll would make every voter of a poll wait
 * for the previous one's commit (a row lock held until the fsync). So each count is spread over
 * COUNTER_SLOTS rows (`vote_counts`), a vote adds 1 to the rows of one slot picked at random,
 * and reading sums the slots. server/README.md gives the numbers behind this choice.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE polls (
    id        text PRIMARY KEY,
    question  text NOT NULL,
    multiple  boolean NOT NULL,
    closes_at timestamptz,                    -- NULL = no end
    closed    boolean NOT NULL DEFAULT false, -- closed by hand in the polls file
    archived  boolean NOT NULL DEFAULT false  -- no longer in the polls file: kept, not served
  );

  CREATE TABLE options (
    poll_id  text NOT NULL REFERENCES polls (id),
    id       text NOT NULL,
    label    text NOT NULL,
    position integer NOT NULL,
    PRIMARY KEY (poll_id, id)
  );

  -- One ballot per voter per poll: the primary key is what enforces it, across every process.
  CREATE TABLE votes (
    poll_id    text NOT NULL REFERENCES polls (id),
    voter      uuid NOT NULL,                 -- the random UUID kept by the browser
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (poll_id, voter)
  );

  -- The options chosen on a ballot (several in a multiple-choice poll).
  CREATE TABLE vote_options (
    poll_id   text NOT NULL,
    voter     uuid NOT NULL,
    option_id text NOT NULL,
    PRIMARY KEY (poll_id, voter, option_id),
    FOREIGN KEY (poll_id, voter) REFERENCES votes (poll_id, voter) ON DELETE CASCADE,
    FOREIGN KEY (poll_id, option_id) REFERENCES options (poll_id, id)
  );
  CREATE INDEX vote_options_by_option ON vote_options (poll_id, option_id);

  -- Counters, changed in the same statement as the rows they count. option_id '' counts the
  -- ballots (totalVotes); any other is an option's count. A count is the SUM over its slots.
  CREATE TABLE vote_counts (
    poll_id   text NOT NULL REFERENCES polls (id),
    option_id text NOT NULL,
    slot      smallint NOT NULL,
    votes     bigint NOT NULL,
    PRIMARY KEY (poll_id, option_id, slot)
  );
  `,
  `
  -- The vote rate limit, shared by every process: a fixed window per client key (a salted
  -- SHA-256 of the address, never the address). UNLOGGED: no write-ahead log and no fsync for
  -- a count that only matters for a minute; PostgreSQL empties the table after a crash.
  CREATE UNLOGGED TABLE rate_limits (
    key          text PRIMARY KEY,
    window_start timestamptz NOT NULL,
    count        integer NOT NULL
  );
  -- The salt all processes hash addresses with (one row, made at random by the first to start).
  CREATE TABLE rate_limit_salt (
    id   integer PRIMARY KEY CHECK (id = 1),
    salt bytea NOT NULL
  );
  `,
  `
  -- The editors' API. Polls created or changed by an editor are theirs (managed_by_admin): the
  -- polls file no longer touches them. Editors, sessions, sign-in failures, secrets, audit trail.
  ALTER TABLE polls ADD COLUMN managed_by_admin boolean NOT NULL DEFAULT false;
  ALTER TABLE polls ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

  CREATE TABLE editors (
    username      text PRIMARY KEY,
    password_hash text NOT NULL,             -- scrypt, self-describing: see server/http/admin/passwords.ts
    created_at    timestamptz NOT NULL
  );

  -- Only the SHA-256 of a session token is stored: a copy of the database signs nobody in.
  CREATE TABLE sessions (
    token_hash   text PRIMARY KEY,
    username     text NOT NULL REFERENCES editors (username) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL
  );

  -- Keys are salted hashes of a user name or a client address; rows older than the lock-out
  -- window are deleted.
  CREATE TABLE sign_in_failures (
    key text NOT NULL,
    at  timestamptz NOT NULL
  );
  CREATE INDEX sign_in_failures_by_key ON sign_in_failures (key, at);

  CREATE TABLE secrets (
    name  text PRIMARY KEY,
    value bytea NOT NULL
  );

  -- The actor is a name, not a reference: the trail outlives a removed account.
  CREATE TABLE audit (
    seq     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at      timestamptz NOT NULL,
    actor   text NOT NULL,
    action  text NOT NULL,
    poll_id text,
    detail  text
  );
  `,
];

/** Rows each count is spread over: enough that concurrent voters rarely pick the same one. */
export const COUNTER_SLOTS = 16;
