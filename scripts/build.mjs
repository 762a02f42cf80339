// `npm run build`: ES modules and types (tsc), the one-script bundle (rollup), the
// custom-elements manifest (cem), each classic script compressed beside itself, then the size of
// the main script and of each part as a webmaster would download them;
// last, the poll server as JavaScript for `npm run serve`.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { injectVersion, VERSION_PLACEHOLDER } from './version.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (command, args) => execFileSync(bin(command), args, { cwd: root, stdio: 'inherit' });

rmSync(join(root, 'dist'), { recursive: true, force: true });
run('tsc', ['-p', 'tsconfig.build.json']);
injectVersionInto(join(root, 'dist', 'esm'));
run('rollup', ['-c', 'rollup.config.mjs', '--silent']);
run('rollup', ['-c', 'server/admin/rollup.config.mjs', '--silent']); // the editors' page: dist/admin/egov-admin.js
run('cem', ['analyze', '--litelement', '--globs', 'src/**/*.ts', '--outdir', '.', '--quiet']);

// Each classic script also compressed beside itself (`.br`, `.gz`), for the reference server to
// send as the browser asks (@fastify/static `preCompressed`): a reader on a slow line downloads
// the bundle's brotli size, not its raw size. Not in the npm package (package.json `files`).
for (const dir of [join(root, 'dist'), join(root, 'dist', 'admin')]) {
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.js'))) {
    const bytes = readFileSync(join(dir, file));
    writeFileSync(join(dir, `${file}.br`), brotliCompressSync(bytes));
    writeFileSync(join(dir, `${file}.gz`), gzipSync(bytes, { level: 9 }));
  }
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
// The main script, then the on-demand parts it loads from beside itself.
const scripts = readdirSync(join(root, 'dist')).filter((file) => file.endsWith('.js'));
for (const file of ['egov-widgets.js', ...scripts.filter((file) => file !== 'egov-widgets.js').sort()]) {
  const bytes = readFileSync(join(root, 'dist', file));
  console.log(
    `dist/${file}: ${kb(bytes.length)} raw, ${kb(gzipSync(bytes, { level: 9 }).length)} gzip, ${kb(brotliCompressSync(bytes).length)} brotli`,
  );
}

/** package.json's version in place of the placeholder, in the ES modules tsc wrote (and rollup bundles). */
function injectVersionInto(dir) {
  for (const file of readdirSync(dir, { recursive: true })) {
    if (!String(file).endsWith('.js')) continue;
    const path = join(dir, String(file));
    const code = readFileSync(path, 'utf8');
    if (code.includes(VERSION_PLACEHOLDER)) writeFileSync(path, injectVersion(code));
  }
}

// The poll server, compiled to server/dist/ so that production runs it with plain node.
rmSync(join(root, 'server', 'dist'), { recursive: true, force: true });
run('tsc', ['-p', 'server/tsconfig.json']);
console.log('server/dist/: the poll server, for `npm run serve`');
