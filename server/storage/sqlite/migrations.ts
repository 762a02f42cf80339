/**
 * The SQLite schema. Versions are applied in order; `PRAGMA user_version` records how many ran
 * (`migrate` in db.ts). Append new migrations, never edit old ones: existing files have already run them.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE polls (
    id          TEXT PRIMARY KEY,
    question    TEXT NOT NULL,
    multiple    INTEGER NOT NULL,
    closes_at   TEXT,                       -- ISO 8601 UTC, NULL = no end
    closed      INTEGER NOT NULL DEFAULT 0, -- closed by hand in the polls file
    archived    INTEGER NOT NULL DEFAULT 0, -- no longer in the polls file: kept, not served
    total_votes INTEGER NOT NULL DEFAULT 0  -- kept by triggers, see below
  ) STRICT;

  CREATE TABLE options (
    poll_id  TEXT NOT NULL REFERENCES polls(id),
    id       TEXT NOT NULL,
    label    TEXT NOT NULL,
    position INTEGER NOT NULL,
    votes    INTEGER NOT NULL DEFAULT 0,    -- kept by triggers, see below
    PRIMARY KEY (poll_id, id)
  ) STRICT;

  -- One ballot per voter per poll: the primary key is what enforces it.
  CREATE TABLE votes (
    poll_id    TEXT NOT NULL REFERENCES polls(id),
    voter      TEXT NOT NULL,               -- the random UUID kept by the browser
    created_at TEXT NOT NULL,
    PRIMARY KEY (poll_id, voter)
  ) STRICT;

  -- The options chosen on a ballot (several in a multiple-choice poll).
  CREATE TABLE vote_options (
    poll_id   TEXT NOT NULL,
    voter     TEXT NOT NULL,
    option_id TEXT NOT NULL,
    PRIMARY KEY (poll_id, voter, option_id),
    FOREIGN KEY (poll_id, voter) REFERENCES votes (poll_id, voter) ON DELETE CASCADE,
    FOREIGN KEY (poll_id, option_id) REFERENCES options (poll_id, id)
  ) STRICT;
  CREATE INDEX vote_options_by_option ON vote_options (poll_id, option_id);

  -- The counters change in the same statement, hence the same transaction, as the rows
  -- they count: they always equal COUNT(*) and reading results costs no table scan.
  CREATE TRIGGER votes_count_insert AFTER INSERT ON votes BEGIN
    UPDATE polls SET total_votes = total_votes + 1 WHERE id = NEW.poll_id;
  END;
  CREATE TRIGGER votes_count_delete AFTER DELETE ON votes BEGIN
    UPDATE polls SET total_votes = total_votes - 1 WHERE id = OLD.poll_id;
  END;
  CREATE TRIGGER vote_options_count_insert AFTER INSERT ON vote_options BEGIN
    UPDATE options SET votes = votes + 1 WHERE poll_id = NEW.poll_id AND id = NEW.option_id;
  END;
  CREATE TRIGGER vote_options_count_delete AFTER DELETE ON vote_options BEGIN
    UPDATE options SET votes = votes - 1 WHERE poll_id = OLD.poll_id AND id = OLD.option_id;
  END;
  `,
  // 2: the editors' API. Polls created or changed by an editor are theirs (managed_by_admin):
  // the polls file no longer touches them. Editors, sessions, sign-in failures, audit trail.
  `
  ALTER TABLE polls ADD COLUMN managed_by_admin INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE polls ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
  UPDATE polls SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');

  CREATE TABLE editors (
    username      TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,            -- scrypt, self-describing: see server/http/admin/passwords.ts
    created_at    TEXT NOT NULL
  ) STRICT;

  -- Only the SHA-256 of a session token is stored: a copy of the file signs nobody in.
  CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    username     TEXT NOT NULL REFERENCES editors(username) ON DELETE CASCADE,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
  ) STRICT;

  -- Keys are salted hashes of a user name or a client address; rows older than the
  -- lock-out window are deleted.
  CREATE TABLE sign_in_failures (
    key TEXT NOT NULL,
    at  TEXT NOT NULL
  ) STRICT;
  CREATE INDEX sign_in_failures_by_key ON sign_in_failures (key, at);

  CREATE TABLE secrets (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
  ) STRICT;

  -- The actor is a name, not a reference: the trail outlives a removed account.
  CREATE TABLE audit (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    at      TEXT NOT NULL,
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL,
    poll_id TEXT,
    detail  TEXT
  ) STRICT;
  `,
];
