#!/usr/bin/env node
// The `egov-poll-server` command: runs the server built by `npm run build` (server/dist/).
// A plain file that is always there, so that npm links the command at install time, before
// any build, and a missing build is said in one line rather than as a module-resolution trace.
import { existsSync } from 'node:fs';

const built = new URL('../dist/cli/egov-poll-server.js', import.meta.url);
if (!existsSync(built)) {
  console.error('egov-widgets: the server is not built yet: run `npm run build` first.');
  process.exit(1);
}
await import(built.href);
