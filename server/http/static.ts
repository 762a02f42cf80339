/**
 * The demo pages at `/` and the built bundle at `/dist/`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const BUNDLE_FILE = 'egov-widgets.js';

export async function registerStatic(
  app: FastifyInstance,
  folders: { demoDir: string; distDir: string },
): Promise<void> {
  await app.register(fastifyStatic, { root: folders.demoDir, prefix: '/', dotfiles: 'ignore' });
  // A missing dist/ is tolerated (see missingBundleWarning): its files are served once built.
  await app.register(fastifyStatic, {
    root: folders.distDir,
    prefix: '/dist/',
    dotfiles: 'ignore',
    decorateReply: false,
    // The build writes each script compressed beside it (.br, .gz): sent as the browser accepts.
    preCompressed: true,
    // The snippet loads the bundle with integrity and crossorigin="anonymous": from another site
    // that is a CORS request, which a public script without credentials may always pass.
    setHeaders: (reply) => void reply.header('Access-Control-Allow-Origin', '*'),
  });
}

/** A sentence for the console when the bundle has not been built, else undefined. */
export function missingBundleWarning(distDir: string): string | undefined {
  const bundle = path.join(distDir, BUNDLE_FILE);
  if (existsSync(bundle)) return undefined;
  return `${bundle} is missing: the demo pages will not show widgets until \`npm run build\` has run.`;
}
