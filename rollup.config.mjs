import { nodeResolve } from '@rollup/plugin-node-resolve';
import { dirname, join } from 'node:path';
import { minify } from 'terser';
import { minifyLiterals } from './scripts/minify-literals.mjs';
import { privateMemberNames } from './scripts/private-names.mjs';
import { versionPlugin } from './scripts/version.mjs';

/**
 * A classic script cannot `import()`: in the one-script bundle, the DOMPurify fallback is loaded as a
 * second file by load-fallback-script.js in place of load-fallback.js (its ES module twin).
 */
const fallbackAsScript = {
  name: 'egov-fallback-as-script',
  resolveId(source, importer) {
    if (source === './load-fallback.js' && importer) return join(dirname(importer), 'load-fallback-script.js');
    return null;
  },
};

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

/** A name that some bundled package uses too is not ours to shorten. */
function usedByPackages(name, chunk) {
  const word = new RegExp(`\\b${name}\\b`);
  return Object.entries(chunk.modules).some(([id, module]) => id.includes('/node_modules/') && word.test(module.code ?? ''));
}

/**
 * Terser over the whole chunk. With `privateNames` (sources folders, see
 * scripts/private-names.mjs), the kit's private member names are shortened as well; `compress`:
 * terser's compress options beyond `passes: 3`.
 */
function minifyChunk({ privateNames, compress }) {
  const names = privateNames ? privateMemberNames(privateNames).names : [];
  return {
    name: 'egov-minify',
    async renderChunk(code, chunk, outputOptions) {
      const shortened = names.filter((name) => !usedByPackages(name, chunk));
      const result = await minify(code, {
        ecma: 2022,
        module: false,
        compress: { passes: 3, ...compress },
        mangle: shortened.length ? { properties: { regex: new RegExp(`^(?:${shortened.join('|')})$`) } } : true,
        format: { comments: false },
        sourceMap: outputOptions.sourcemap ? { asObject: true } : false,
      });
      return { code: result.code, map: result.map };
    },
  };
}

/**
 * A minified classic script (IIFE) with Lit inlined, built from the ES modules that
 * `tsc -p tsconfig.build.json` writes to dist/esm. Lit's `production` export condition drops its
 * development warnings. `privateNames`, `compress`: see minifyChunk.
 */
export function classicScript(input, file, { privateNames, compress } = {}) {
  return {
    input,
    // A classic script has no exports (no `output.name`): what the entry exports is left out.
    preserveEntrySignatures: false,
    output: { file, format: 'iife', sourcemap: false },
    plugins: [
      fallbackAsScript,
      versionPlugin(),
      oneDecorateHelper(),
      minifyLiterals(),
      nodeResolve({ browser: true, exportConditions: ['production'] }),
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
 * declarations together, which gzip finds alike (−0.2 KB).
 */
export const KIT_COMPRESS = { pure_getters: true, unsafe_arrows: true, hoist_funs: true };

/** The settings of dist/egov-widgets.js, the script a portal embeds (paths from `root`). */
export function mainScript(root = '.') {
  return classicScript(join(root, 'dist/esm/define.js'), join(root, 'dist/egov-widgets.js'), {
    privateNames: [join(root, 'src')],
    compress: KIT_COMPRESS,
  });
}

export default [
  mainScript(),
  // DOMPurify, for browsers without the native HTML Sanitizer; loaded by the first on first need.
  classicScript('dist/esm/article-view/sanitizer-fallback-script.js', 'dist/egov-sanitizer-fallback.js'),
];
