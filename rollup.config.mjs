import { nodeResolve } from '@rollup/plugin-node-resolve';
import { basename, dirname, join, relative } from 'node:path';
import { minify } from 'terser';
import { minifyLiterals } from './scripts/minify-literals.mjs';
import { privateMemberNames } from './scripts/private-names.mjs';
import { packageVersion, versionPlugin } from './scripts/version.mjs';

/**
 * A classic script cannot `import()`: in the one-script bundle, on-demand parts are loaded by
 * load-part-script.js in place of load-part.js (its ES module twin), as second files beside it.
 */
const partsAsScripts = {
  name: 'egov-parts-as-scripts',
  resolveId(source, importer) {
    if (importer && /(^|\/)load-part\.js$/.test(source)) return join(dirname(importer), source.replace(/load-part\.js$/, 'load-part-script.js'));
    return null;
  },
};

/**
 * Rollup splits the bundle as ES modules (the entry, and one chunk per part: each module imported
 * through `loadPart(() => import(…))`, see src/shared/load-part.ts); this turns those chunks
 * into classic scripts. Each becomes a strict IIFE; the entry's `export {…}` (what its parts use of
 * it: Lit, shared modules) becomes the `main` entry of this version's registry, a part's
 * `import {…} from './<entry>'` a read of it, and a part's own exports its entry under its file name,
 * which load-part-script.ts reads. So a part runs on the main script's one copy of Lit. The
 * registry's key carries the version (as load-part-script.ts builds it): two versions of the kit
 * on one page never mix.
 */
function classicChunks(mainFile) {
  const registry = `globalThis[Symbol.for(${JSON.stringify(`egov-widgets.parts ${packageVersion()}`)})]`;
  const FOOTER = '})();';
  const banner = (chunk) =>
    `(() => {\n'use strict';${chunk.imports.length || chunk.exports.length ? `\nconst egov$registry = (${registry} ??= {});` : ''}`;
  return {
    name: 'egov-classic-chunks',
    // `import('./egov-<module>.js')` is for dist/esm only: here its file name is left for load-part-script.ts to load.
    renderDynamicImport: () => ({ left: '(', right: ')' }),
    banner,
    footer: () => FOOTER,
    renderChunk(code, chunk, _options, { chunks }) {
      if (!chunk.isEntry && !chunk.isDynamicEntry) this.error(`${chunk.fileName}: a chunk that is not a part; move its modules into the main script or one part`);
      // The module between the wrapper's two ends (added by rollup, source map and all), parsed as one.
      const start = banner(chunk).length;
      const end = code.lastIndexOf(FOOTER);
      if (!code.startsWith(banner(chunk)) || end < start) this.error(`${chunk.fileName}: the IIFE wrapper is not where it should be`);
      const module = this.parse(code.slice(start, end));
      const edits = namespaceReads(this, chunk, chunks, module);
      for (const node of module.body) {
        if (node.type === 'ImportDeclaration') edits.push([node, importFromRegistry(this, chunk, node, mainFile, chunks)]);
        else if (node.type === 'ExportNamedDeclaration') edits.push([node, exportToRegistry(this, chunk, node)]);
        else if (node.type.startsWith('Export')) this.error(`${chunk.fileName}: ${node.type} left in a classic script`);
      }
      // Each statement is replaced where it stands, on its own lines: the code around it keeps its place (and source map).
      let result = code;
      for (const [node, text] of edits.sort(([a], [b]) => b.start - a.start)) result = result.slice(0, start + node.start) + text + result.slice(start + node.end);
      return { code: result, map: null };
    },
  };
}

/**
 * A part's `import { a as b } from './egov-widgets.js'`: `const { a: b } = egov$registry.main`. A
 * part may also import from the part that loads it (so is always there before it):
 * `egov$registry["egov-<that part>.js"]`.
 */
function importFromRegistry(context, chunk, node, mainFile, chunks) {
  const bindings = node.specifiers.map((specifier) => {
    if (specifier.type !== 'ImportSpecifier') context.error(`${chunk.fileName}: only named imports can cross to a classic script`);
    return `${specifier.imported.name}: ${specifier.local.name}`;
  });
  if (chunk.isEntry) context.error(`${chunk.fileName}: the main script imports ${node.source.value}`);
  const from = basename(node.source.value);
  if (from === mainFile) return `const { ${bindings.join(', ')} } = egov$registry.main;`;
  if (!chunks[from]?.dynamicImports.includes(chunk.fileName)) context.error(`${chunk.fileName}: imports ${from}, a part that does not load it`);
  return `const { ${bindings.join(', ')} } = egov$registry[${JSON.stringify(from)}];`;
}

/**
 * Where a part's module is not its whole chunk (the chunk also holds what another part uses of it),
 * rollup reads the module's namespace from the chunk's exports: `('./egov-x.js').then((n) => n.s)`.
 * Written `"./egov-x.js#s"` here: load-part-script.ts takes the `s` of that part's exports.
 */
function namespaceReads(context, chunk, chunks, node, found = []) {
  if (!node || typeof node.type !== 'string') return found;
  const callee = node.type === 'CallExpression' ? node.callee : undefined;
  if (callee?.type === 'MemberExpression' && callee.property.name === 'then' && typeof callee.object.value === 'string') {
    // Only a part's file name is ever left as a string to call `.then` on (renderDynamicImport).
    if (!Object.hasOwn(chunks, basename(callee.object.value))) context.error(`${chunk.fileName}: .then on ${callee.object.value}, which is not a part`);
    const [read] = node.arguments;
    const value = read?.body?.type === 'BlockStatement' ? read.body.body[0]?.argument : read?.body;
    if (value?.type !== 'MemberExpression' || value.object.name !== read.params[0]?.name) context.error(`${chunk.fileName}: an unexpected read of the part ${callee.object.value}`);
    found.push([node, JSON.stringify(`${callee.object.value}#${value.property.name}`)]);
    return found;
  }
  for (const child of Object.values(node)) {
    if (Array.isArray(child)) child.forEach((each) => namespaceReads(context, chunk, chunks, each, found));
    else if (child && typeof child === 'object') namespaceReads(context, chunk, chunks, child, found);
  }
  return found;
}

/** The entry's `export { b as a }`: `egov$registry.main ??= { a: b }` (the first copy of a version keeps its own); a part's: its entry. */
function exportToRegistry(context, chunk, node) {
  if (node.declaration || node.source) context.error(`${chunk.fileName}: only \`export { … }\` can cross to a classic script`);
  const bindings = node.specifiers.map((specifier) => `${JSON.stringify(specifier.exported.name)}: ${specifier.local.name}`);
  const object = `{ ${bindings.join(', ')} }`;
  return chunk.isEntry ? `egov$registry.main ??= ${object};` : `egov$registry[${JSON.stringify(chunk.fileName)}] = ${object};`;
}

/**
 * Kinds of Lit templates and properties the kit never declares, left out of Lit's code in its
 * classic scripts: SVG and MathML templates (`svg`, `mathml`: the kit's templates are all `html`),
 * and the converters of `type: Boolean`, `type: Object` and `type: Array` properties (the kit's are
 * strings and numbers) (−0.1 KB gzip). The build fails if Lit's code moves, and if a module of the kit imports
 * `svg` or `mathml` or declares such a property, which would otherwise go wrong silently.
 */
const LIT_UNDECLARED = {
  'lit-html/lit-html.js': [
    ['2===i?"<svg>":3===i?"<math>":""', '""'],
    ['+(2===i?"</svg>":3===i?"</math>":"")', ''],
    [',2===i||3===i){const t=this.el.content.firstChild;t.replaceWith(...t.childNodes)}', '){}'],
  ],
  '@lit/reactive-element/reactive-element.js': [
    [
      'toAttribute(t,s){switch(s){case Boolean:t=t?l:null;break;case Object:case Array:t=null==t?t:JSON.stringify(t)}return t},fromAttribute(t,s){let i=t;switch(s){case Boolean:i=null!==t;break;case Number:i=null===t?null:Number(t);break;case Object:case Array:try{i=JSON.parse(t)}catch(t){i=null}}return i}',
      'toAttribute:t=>t,fromAttribute:(t,s)=>s===Number&&null!==t?Number(t):t',
    ],
  ],
};
const UNDECLARED_USE = [
  /import\s*\{[^}]*\b(?:svg|mathml)\b[^}]*\}\s*from\s*['"]lit(?:-html)?(?:\/[^'"]*)?['"]/,
  /\btype:\s*(?:Object|Array|Boolean)\b/,
];

/** Refuses a module of the kit that would need the Lit code LIT_UNDECLARED leaves out. */
function refuseUndeclaredLit() {
  return {
    name: 'egov-refuse-undeclared-lit',
    transform(code, id) {
      if (id.replaceAll('\\', '/').includes('/node_modules/')) return null;
      const use = UNDECLARED_USE.find((pattern) => pattern.test(code));
      if (use) this.error(`${id}: ${use.exec(code)[0]}: Lit's code for it is left out of the classic scripts; see LIT_UNDECLARED`);
      return null;
    },
  };
}

/** tsc's `__decorate` helper, as it writes it at the top of every module with a decorator. */
const DECORATE_HELPER = /^var __decorate = \(this && this\.__decorate\) \|\| (function \(decorators, target, key, desc\) \{\n[\s\S]*?\n\});\n/m;
const DECORATE_MODULE = '\0egov-decorate';

/** One copy of tsc's `__decorate` helper in the bundle, where tsc writes one per module. */
function oneDecorateHelper() {
  let helper;
  return {
    name: 'egov-one-decorate-helper',
    resolveId: (source) => (source === DECORATE_MODULE ? DECORATE_MODULE : null),
    load: (id) => (id === DECORATE_MODULE ? `export const __decorate = ${helper};\n` : null),
    transform(code) {
      const match = DECORATE_HELPER.exec(code);
      if (!match) return null;
      helper ??= match[1];
      return { code: code.replace(DECORATE_HELPER, `import { __decorate } from '${DECORATE_MODULE}';\n`), map: null };
    },
  };
}

/**
 * What of Lit's code the kit never uses, left out of its classic scripts; the build fails if Lit's
 * code moves. An ES module user of the kit (dist/esm) gets the whole of Lit from their bundler.
 * - Standard decorators (TC39 `@property()` on an `accessor`): Lit sets `Symbol.metadata` and a
 *   `litPropertyMetadata` map on `globalThis` as it loads, and each class reads there what such
 *   decorators recorded. The kit declares its properties in `static properties`, the editors' page
 *   with TypeScript's experimental decorators (which call `createProperty`): neither reads it
 *   (−50 B gzip). A standard decorator added to the kit would fail as its class is defined, in
 *   every test.
 * - `static addInitializer()`, for a decorator or a library to run code in each new element: no
 *   code of the kit's nor of Lit's that it bundles calls it (−50 B gzip).
 */
const LIT_UNUSED = {
  '@lit/reactive-element/reactive-element.js': [
    ['Symbol.metadata??=Symbol("metadata"),a.litPropertyMetadata??=new WeakMap;', ''],
    ['const t=this[Symbol.metadata];if(null!==t){const s=litPropertyMetadata.get(t);if(void 0!==s)for(const[t,i]of s)this.elementProperties.set(t,i)}', ''],
    ['static addInitializer(t){this._$Ei(),(this.l??=[]).push(t)}', ''],
    ['void 0!==t.l&&(this.l=[...t.l]),', ''],
    [',this.constructor.l?.forEach(t=>t(this))', ''],
  ],
};

/**
 * Lit's production build keeps long messages for a misuse of `css` (a class made by hand, a value
 * that is not a `css` result) and of `html` (called other than as a tag): the kit's templates and
 * styles are all literals, so none is ever thrown here. They stay errors, worded shortly (−0.1 KB
 * gzip); the build fails if Lit's wording moves.
 */
const LIT_MESSAGES = {
  '@lit/reactive-element/css-tag.js': [
    ['"CSSResult is not constructable. Use `unsafeCSS` or `css` instead."', '"Use css or unsafeCSS"'],
    [`"Value passed to 'css' function must be a 'css' function result: "+t+". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security."`, '"Not a css result: "+t'],
  ],
  'lit-html/lit-html.js': [['"invalid template strings array"', '"Not a tag"']],
};

/**
 * Lit calls, as it loads, the hooks that its polyfill support (`lit/polyfill-support.js`, for the
 * ShadyDOM and ShadyCSS polyfills of browsers without shadow DOM) and its SSR hydration
 * (`@lit-labs/ssr-client`) leave on `globalThis`. The kit runs only where shadow DOM is native
 * (where that support does nothing) and renders no element on a server: here each hook reads as
 * `undefined`, and terser drops the calls (−0.1 KB gzip). A page's own Lit still takes the page's
 * hooks; the kit's elements no longer do. The build fails if Lit stops reading a hook by that name.
 */
const LIT_HOOKS = {
  '@lit/reactive-element/reactive-element.js': [['a.reactiveElementPolyfillSupport', '(void 0)']],
  'lit-html/lit-html.js': [['t.litHtmlPolyfillSupport', '(void 0)']],
  'lit-element/lit-element.js': [
    ['s.litElementHydrateSupport', '(void 0)'],
    ['s.litElementPolyfillSupport', '(void 0)'],
  ],
};

/**
 * Makes the edits of Lit's code above (LIT_UNDECLARED, LIT_UNUSED, LIT_MESSAGES, LIT_HOOKS): in
 * each Lit module they name, each `[text, replacement]` as written, once. The build fails where a
 * text is not found: Lit's code moved, and the table must follow it.
 */
function editLit() {
  const edits = {};
  for (const table of [LIT_UNDECLARED, LIT_UNUSED, LIT_MESSAGES, LIT_HOOKS]) {
    for (const [file, pairs] of Object.entries(table)) (edits[file] ??= []).push(...pairs);
  }
  return {
    name: 'egov-edit-lit',
    transform(code, id) {
      const file = Object.keys(edits).find((name) => id.replaceAll('\\', '/').endsWith(`/node_modules/${name}`));
      if (!file) return null;
      let result = code;
      for (const [text, by] of edits[file]) {
        if (!result.includes(text)) this.error(`${id}: Lit's ${text.slice(0, 40)}… is not there any more; update the table of rollup.config.mjs that has it`);
        result = result.replace(text, by);
      }
      return { code: result, map: null };
    },
  };
}

/** A package other than Lit's (DOMPurify): its chunk is minified without the kit's assumptions. */
const isForeignModule = (id) => id.includes('/node_modules/') && !/\/node_modules\/(?:lit[^/]*|@lit\/[^/]+)\//.test(id);

/** A name that some bundled package of `chunks` uses too is not ours to shorten. */
function usedByPackages(name, chunks) {
  const word = new RegExp(`\\b${name}\\b`);
  return chunks.some((chunk) =>
    Object.entries(chunk.modules).some(([id, module]) => id.includes('/node_modules/') && word.test(module.code ?? '')),
  );
}

/**
 * Lit's members shared between its own packages (`_$AH`, `_$litType$`…): long so that two versions
 * of Lit can read them across a page, but the bundle has one Lit of its own, never shared (a second
 * copy of the kit brings its own, see `define`), so they are shortened like the kit's private names.
 */
const LIT_INTERNAL = '_\\$[\\w$]+';

/**
 * Terser over each chunk. With `privateNames` (sources folders, see scripts/private-names.mjs),
 * the kit's private member names are shortened as well, the same way in the main script and its
 * parts (one name cache, chunks minified one after another in rollup's order); `compress`:
 * terser's compress options beyond `passes: 3`. A chunk with a package other than Lit
 * (DOMPurify) gets neither.
 */
function minifyChunk({ privateNames, compress }) {
  const names = privateNames ? privateMemberNames(privateNames).names : [];
  const nameCache = {};
  let previous = Promise.resolve();
  return {
    name: 'egov-minify',
    renderChunk(code, chunk, outputOptions, { chunks }) {
      const foreign = Object.keys(chunk.modules).some(isForeignModule);
      const kitChunks = Object.values(chunks).filter((each) => !Object.keys(each.modules).some(isForeignModule));
      const shortened = foreign ? [] : names.filter((name) => !usedByPackages(name, kitChunks));
      const options = {
        ecma: 2022,
        module: false,
        compress: { passes: 3, ...(foreign ? {} : compress) },
        mangle: foreign ? true : { properties: { regex: new RegExp(`^(?:${[...shortened, LIT_INTERNAL].join('|')})$`) } },
        nameCache: foreign ? undefined : nameCache,
        format: { comments: false },
        sourceMap: outputOptions.sourcemap ? { asObject: true } : false,
      };
      const minified = previous.then(() => minify(code, options));
      previous = minified.catch(() => undefined);
      return minified.then((result) => ({ code: result.code, map: result.map }));
    },
  };
}

/**
 * Minified classic scripts (strict IIFEs) with Lit inlined, built from the ES modules that
 * `tsc -p tsconfig.build.json` writes to dist/esm: `file`, and beside it `egov-<name>.js` for each
 * on-demand part (classicChunks). Lit's `production` export condition drops its development
 * warnings. `privateNames`, `compress`: see minifyChunk.
 */
export function classicScript(input, file, { privateNames, compress } = {}) {
  return {
    input,
    // A classic script has no exports: the entry exports only what its parts import.
    preserveEntrySignatures: false,
    output: { dir: dirname(file), entryFileNames: basename(file), chunkFileNames: 'egov-[name].js', format: 'es', sourcemap: false },
    plugins: [
      refuseUndeclaredLit(),
      partsAsScripts,
      versionPlugin(),
      oneDecorateHelper(),
      minifyLiterals(),
      nodeResolve({ browser: true, exportConditions: ['production'] }),
      editLit(),
      classicChunks(basename(file)),
      minifyChunk({ privateNames, compress }),
    ],
    onwarn(warning, warn) {
      if (warning.code === 'THIS_IS_UNDEFINED') return;
      warn(warning);
    },
  };
}

/**
 * What terser may assume of the kit's code and Lit's, read for it (not of DOMPurify's nor the
 * editors' page's): pure_getters, no getter is read for a side effect, so an unused read may go;
 * unsafe_arrows, no function expression is called with `new` or has its `prototype` read, so
 * those that use no `this` may become arrows; hoist_funs (what JS does anyway) puts function
 * declarations together, which gzip finds alike (−0.2 KB); unsafe, what is turned to a string
 * (`String(x)`, `${x}`) is a primitive, an Error or a URL, never a symbol nor an object with its
 * own valueOf, so `x + ""` says the same; unsafe_comps, no number compared is NaN, so `!(a < b)`
 * is `a >= b`; unsafe_math, no BigInt reaches the code, so `Number(x)` is `+x` (−7 B; compared on
 * the output, that is all it changed: it may also regroup constants in float arithmetic);
 * keep_fargs: false, no function's `length` is read, so unused trailing parameters
 * (a message's count it does not show) and Lit's identity `JSCompiler_renameProperty` may go.
 */
export const KIT_COMPRESS = { pure_getters: true, unsafe_arrows: true, hoist_funs: true, unsafe: true, unsafe_comps: true, unsafe_math: true, keep_fargs: false };

/**
 * The kinds of modules the main script lays out first, each kind together, by their path from
 * the entry's folder: the shared modules, the stylesheets, the tables of messages.
 */
const LAID_OUT_FIRST = [/^shared\//, /(?:^|[/.])styles\.js$/, /\.messages\.js$/];

/**
 * Rollup lays the modules out in the order they run, which is the order they are first imported
 * in: each widget's modules together, its stylesheet and messages beside its code, often further
 * from the other widgets' and from the shared modules than the 32 KB that gzip looks back. Here
 * the entry is a module of its own that imports, before `input`, the modules that `input` imports
 * statically (a part's, imported through `import()`, stay in the part), kind by kind of
 * LAID_OUT_FIRST: alike and close, gzip and brotli find what they have in common (−0.1 KB gzip,
 * −0.2 KB brotli). Nothing runs in an order that matters: a module still runs after those it
 * imports, and the modules moved only declare (classes, functions, `css` results, tables of
 * strings) or read what the page holds while the script runs (`document.currentScript`, `fetch`).
 */
function kindsFirst() {
  const ENTRY = '\0egov-entry';
  let input;
  return {
    name: 'egov-kinds-first',
    options(options) {
      input = options.input;
      return { ...options, input: ENTRY };
    },
    resolveId: (source) => (source === ENTRY ? ENTRY : null),
    async load(id) {
      if (id !== ENTRY) return null;
      const entry = (await this.resolve(input))?.id ?? this.error(`${input}: not found`);
      const found = [entry];
      for (let index = 0; index < found.length; index++) {
        const { importedIds } = await this.load({ id: found[index], resolveDependencies: true });
        for (const imported of importedIds) if (!found.includes(imported)) found.push(imported);
      }
      const path = (module) => relative(dirname(entry), module).replaceAll('\\', '/');
      const first = [...new Set(LAID_OUT_FIRST.flatMap((kind) => found.filter((module) => kind.test(path(module)))))];
      return [...first, entry].map((module) => `import ${JSON.stringify(module)};`).join('\n');
    },
  };
}

/** The settings of dist/egov-widgets.js, the script a portal embeds (paths from `root`). */
export function mainScript(root = '.') {
  const settings = classicScript(join(root, 'dist/esm/define.js'), join(root, 'dist/egov-widgets.js'), {
    privateNames: [join(root, 'src')],
    compress: KIT_COMPRESS,
  });
  return { ...settings, plugins: [kindsFirst(), ...settings.plugins] };
}

/**
 * The main script and its parts: egov-sanitize.js (the sanitizer of remote article bodies),
 * egov-sanitizer-fallback.js (DOMPurify, for browsers without the native HTML Sanitizer),
 * egov-web-links-list.js, egov-chunk-marks.js, egov-article-actions.js
 * (the article's read aloud and print), egov-messages-en.js (the English messages, for a page
 * with a widget in English).
 */
export default mainScript();
