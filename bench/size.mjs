// Row 1: bytes a portal downloads. The kit's bundle against its floor (Lit alone, bundled here with
// the same rollup and terser settings, plus DOMPurify's own minified file), and each widget alone.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { classicScript, KIT_COMPRESS } from '../rollup.config.mjs';

/**
 * The kit's tags, from the one list (src/tags.ts, as tsc wrote it to dist/esm), each with its
 * folder in src/ and dist/esm/: the tag without `egov-`.
 */
export async function kitWidgets(root) {
  const { TAGS } = await import(pathToFileURL(join(root, 'dist', 'esm', 'tags.js')).href);
  return TAGS.map((tag) => ({ tag, folder: tag.replace(/^egov-/, '') }));
}

export function sizes(bytes) {
  const buffer = Buffer.from(bytes);
  return {
    raw: buffer.length,
    gzip: gzipSync(buffer, { level: 9 }).length,
    brotli: brotliCompressSync(buffer).length,
  };
}

/**
 * Bundles `code` (an ES module, imports resolved from the project) as a classic script, with the
 * kit's settings; `kitCode`: the kit's private names shortened and its terser options, as in the
 * main script.
 */
async function bundle(root, name, code, { kitCode = true } = {}) {
  const id = join(root, 'bench', `.${name}.virtual.js`);
  const settings = classicScript(id, join(root, 'bench', `${name}.js`), kitCode ? { privateNames: [join(root, 'src')], compress: KIT_COMPRESS } : {});
  const virtualEntry = {
    name: 'bench-entry',
    resolveId: (source) => (source === id ? id : null),
    load: (loaded) => (loaded === id ? code : null),
  };
  const { output: outputOptions, ...inputOptions } = settings;
  const build = await rollup({ ...inputOptions, input: id, plugins: [virtualEntry, ...settings.plugins] });
  try {
    const { output } = await build.generate({ ...outputOptions, file: undefined });
    const chunk = output[0];
    const modules = Object.keys(chunk.modules);
    return { code: chunk.code, usesDomPurify: modules.some((module) => module.includes('node_modules/dompurify/')) };
  } finally {
    await build.close();
  }
}

/** The exported class of a widget module that has `define()`, read from its compiled file. */
function widgetClassName(modulePath) {
  const match = /export class (Egov\w+)/.exec(readFileSync(modulePath, 'utf8'));
  return match?.[1];
}

/**
 * Sizes of the kit, of its floor (Lit alone, plus DOMPurify when the kit contains it) and of each
 * widget bundled alone. `own` = kit − floor.
 */
export async function measureSizes(root) {
  const kit = sizes(readFileSync(join(root, 'dist', 'egov-widgets.js')));
  // The on-demand parts beside the main script (src/shared/load-part.ts), each loaded on first need.
  const parts = readdirSync(join(root, 'dist'))
    .filter((file) => /^egov-.+\.js$/.test(file) && file !== 'egov-widgets.js')
    .sort()
    .map((file) => ({ file, ...sizes(readFileSync(join(root, 'dist', file))) }));
  // Loaded only by a browser without the native HTML Sanitizer, for a remote article.
  const sanitizerFallback = parts.find((part) => part.file === 'egov-sanitizer-fallback.js');
  // Bundled again here only to learn whether DOMPurify is inside (its modules are listed).
  const kitEntry = `import ${JSON.stringify(join(root, 'dist', 'esm', 'define.js'))};\n`;
  const { usesDomPurify: kitUsesDomPurify } = await bundle(root, 'kit', kitEntry);

  const litFloor = await bundle(root, 'lit-floor', readFileSync(join(root, 'bench', 'entries', 'lit-floor.js'), 'utf8'), { kitCode: false });
  const purifyCode = readFileSync(join(root, 'node_modules', 'dompurify', 'dist', 'purify.min.js'), 'utf8');
  const lit = sizes(litFloor.code);
  const dompurify = sizes(purifyCode);
  // Compressed together, as they would be if the kit were nothing but these two.
  const litAndPurify = sizes(`${litFloor.code}\n${purifyCode}`);
  const floor = kitUsesDomPurify ? litAndPurify : lit;
  const own = { raw: kit.raw - floor.raw, gzip: kit.gzip - floor.gzip, brotli: kit.brotli - floor.brotli };

  const widgets = [];
  for (const { folder, tag } of await kitWidgets(root)) {
    const modulePath = join(root, 'dist', 'esm', folder, `${folder}.js`);
    const className = existsSync(modulePath) ? widgetClassName(modulePath) : undefined;
    if (!className) {
      widgets.push({ tag, missing: true });
      continue;
    }
    const entry = `import { ${className} } from ${JSON.stringify(modulePath)};\n${className}.define(${JSON.stringify(tag)});\n`;
    const alone = await bundle(root, folder, entry);
    const widgetFloor = alone.usesDomPurify ? litAndPurify : lit;
    widgets.push({ tag, usesDomPurify: alone.usesDomPurify, ...sizes(alone.code), floor: widgetFloor });
  }
  return { kit, parts, sanitizerFallback, kitUsesDomPurify, lit, dompurify, litAndPurify, floor, own, widgets, litFloorCode: litFloor.code, purifyCode };
}
