// The editor the component tests sign in as. web-test-runner.config.mjs starts the reference
// server with `EGOV_DEMO_EDITOR=<username>:<password>`, which makes the server create this editor
// at start (the way `npm start` creates its demo editor); tests/admin/ signs in with it.
export const TEST_EDITOR = { username: 'bientap', password: 'Thu-nghiem-bien-tap-2026' };

/** The value of `EGOV_DEMO_EDITOR` for the test server. */
export const TEST_EDITOR_ENV = `${TEST_EDITOR.username}:${TEST_EDITOR.password}`;
