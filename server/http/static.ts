/**
 * The demo pages at `/` and the built bundle at `/dist/`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { missingFolderWarning } from '../config.js';

const BUNDLE_FILE = 'egov-widgets.js';

/**
 * Returns what the operator should hear at start about `dist/`: sentences for the console, none
 * when all is well.
 */
export async function registerStatic(
  app: FastifyInstance,
  folders: { demoDir: string; demoDirGiven: boolean; distDir: string },
): Promise<string[]> {
  const staleCopy = staleCompressedCopy(folders.distDir);
  await app.register(fastifyStatic, { root: folders.demoDir, prefix: '/', dotfiles: 'ignore', decorateReply: false });
  // A missing dist/ is tolerated (see missingBundleWarning): its files are served once built.
  // This one gives replies `sendFile`, with its options: the editors' script (admin-page.ts), in
  // dist/admin/, is sent from its compressed copies too, under the same check.
  await app.register(fastifyStatic, {
    root: folders.distDir,
    prefix: '/dist/',
    dotfiles: 'ignore',
    // The build writes each script compressed beside it (.br, .gz): sent as the browser accepts,
    // unless a copy is not its script (a script replaced by hand, the build's copies left).
    preCompressed: staleCopy === undefined,
    // The snippet loads the bundle with integrity and crossorigin="anonymous": from another site
    // that is a CORS request, which a public script without credentials may always pass.
    setHeaders: (reply) => void reply.header('Access-Control-Allow-Origin', '*'),
  });
  const warnings = [missingBundleWarning(folders.distDir), missingFolderWarning(folders.demoDir, folders.demoDirGiven, 'EGOV_DEMO_DIR', 'page under /')];
  if (staleCopy !== undefined) {
    warnings.push(
      `${staleCopy} is not its script compressed (was the script replaced by hand?): dist/ is sent uncompressed until \`npm run build\` writes the copies again.`,
    );
  }
  return warnings.filter((warning) => warning !== undefined);
}

/**
 * The first compressed copy in `distDir` (`x.js.br`, `x.js.gz`, written by `npm run build`) that
 * does not hold its script `x.js` as it is now, else undefined. Read at start: a few files of
 * under 100 KB.
 */
function staleCompressedCopy(distDir: string): string | undefined {
  if (!existsSync(distDir)) return undefined;
  for (const name of readdirSync(distDir, { recursive: true }).map(String)) {
    const decode = name.endsWith('.br') ? brotliDecompressSync : name.endsWith('.gz') ? gunzipSync : undefined;
    if (!decode) continue;
    const copy = path.join(distDir, name);
    const script = copy.slice(0, -3);
    try {
      if (!decode(readFileSync(copy)).equals(readFileSync(script))) return copy;
    } catch {
      return copy;
    }
  }
  return undefined;
}

/** A sentence for the console when the bundle has not been built, else undefined. */
function missingBundleWarning(distDir: string): string | undefined {
  const bundle = path.join(distDir, BUNDLE_FILE);
  if (existsSync(bundle)) return undefined;
  return `${bundle} is missing: the demo pages will not show widgets until \`npm run build\` has run.`;
}
