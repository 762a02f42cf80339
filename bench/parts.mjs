// Where the main script's bytes are, and each on-demand part's (egov-<part>.js beside it): the bundle
// built again, with source maps, by the settings of dist/egov-widgets.js; each output byte of a
// file is given to the module it came from, modules are grouped
// into parts (Lit; each widget's code, styles and messages; shared code), and each part's gzip
// share is what leaving its bytes out saves: gzip(bundle) − gzip(bundle without the part). The
// shares add up to a little less than the whole: what the parts have in common compresses once.
//
//   node bench/parts.mjs              the table, after `npm run build` (it reads dist/esm)
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { eachMapping, TraceMap } from '@jridgewell/trace-mapping';
import { rollup } from 'rollup';
import { mainScript } from '../rollup.config.mjs';

const gzip = (text) => gzipSync(Buffer.from(text), { level: 9 }).length;

const LIT = new Set(['lit', 'lit-html', 'lit-element', '@lit/reactive-element']);

/** The part a module belongs to: `Lit`, a package, or `<folder> code|styles|messages|messages en` for ours. */
export function partOf(source) {
  const path = source.replaceAll('\\', '/');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
  if (pkg) return LIT.has(pkg[1]) ? 'Lit' : pkg[1];
  // Relative to dist/ (where the files are written): `esm/<folder>/<file>.js`.
  const own = /(?:^|\/)(?:esm|src)\/(.+?)(?:\.[jt]s)?$/.exec(path);
  if (!own) return '(other)';
  const [folder, file = ''] = own[1].includes('/') ? own[1].split('/') : ['(entry)', own[1]];
  if (file.endsWith('.styles') || (folder === 'shared' && file === 'styles')) return `${folder} styles`;
  if (file.endsWith('.messages')) return `${folder} messages`;
  if (file.endsWith('.messages.en')) return `${folder} messages en`;
  return `${folder} code`;
}

/** Bundles the main script and its parts with source maps: each file's code, and the part of each of its characters. */
async function mappedBundle(root) {
  const settings = mainScript(root);
  const { output, ...inputOptions } = settings;
  const build = await rollup(inputOptions);
  try {
    const { output: chunks } = await build.generate({ ...output, sourcemap: true });
    const files = chunks.filter((chunk) => chunk.type === 'chunk').sort((a, b) => Number(b.isEntry) - Number(a.isEntry));
    return files.map((chunk) => ({ file: chunk.fileName, ...owned(chunk) }));
  } finally {
    await build.close();
  }
}

/** The code of a chunk, and the part each of its characters came from. */
function owned(chunk) {
  const { code } = chunk;
  const lineStarts = [0];
  for (let index = code.indexOf('\n'); index !== -1; index = code.indexOf('\n', index + 1)) lineStarts.push(index + 1);
  const segments = [];
  eachMapping(new TraceMap(chunk.map), (mapping) => {
    segments.push({ at: lineStarts[mapping.generatedLine - 1] + mapping.generatedColumn, part: mapping.source ? partOf(mapping.source) : '(other)' });
  });
  segments.sort((a, b) => a.at - b.at);
  // A mapping holds until the next one; bytes before the first belong to the IIFE's wrapper.
  const owners = new Array(code.length).fill('(other)');
  segments.forEach((segment, index) => owners.fill(segment.part, segment.at, segments[index + 1]?.at ?? code.length));
  return { code, owners };
}

/** @typedef {{ raw: number, gzip: number, parts: { part: string, raw: number, gzip: number }[] }} FileParts */

/**
 * @returns {Promise<FileParts & { files: (FileParts & { file: string })[] }>} the main script's
 *   parts (sorted by gzip share, largest first), and `files`: the same for it and each on-demand part
 */
export async function measureParts(root) {
  const files = (await mappedBundle(root)).map(({ file, code, owners }) => ({ file, ...partsOf(code, owners) }));
  return { ...files[0], files };
}

function partsOf(code, owners) {
  const whole = gzip(code);
  const parts = [...new Set(owners)].map((part) => {
    let rest = '';
    let raw = 0;
    for (let index = 0; index < code.length; index++) {
      if (owners[index] === part) raw++;
      else rest += code[index];
    }
    return { part, raw, gzip: whole - gzip(rest) };
  });
  parts.sort((a, b) => b.gzip - a.gzip);
  return { raw: code.length, gzip: whole, parts };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { files } = await measureParts(join(import.meta.dirname, '..'));
  for (const { file, raw, gzip: whole, parts } of files) {
    console.log(`dist/${file} as built: ${raw} bytes, ${whole} gzip\n`);
    console.log(`${'part'.padEnd(24)} ${'raw'.padStart(7)} ${'gzip'.padStart(6)}`);
    for (const part of parts) console.log(`${part.part.padEnd(24)} ${String(part.raw).padStart(7)} ${String(part.gzip).padStart(6)}`);
    const sum = parts.reduce((total, part) => total + part.gzip, 0);
    console.log(`\nsum of the shares: ${sum} of ${whole} (the rest: what the parts share, compressed once)\n`);
  }
}
