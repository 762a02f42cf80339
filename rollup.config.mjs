import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { dirname, join } from 'node:path';
import { minifyLiterals } from './scripts/minify-literals.mjs';
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

/**
 * A minified classic script (IIFE) with Lit and @lit/task inlined, built from the ES modules that
 * `tsc -p tsconfig.build.json` writes to dist/esm. Lit's `production` export condition drops its
 * development warnings.
 */
export function classicScript(input, file) {
  return {
    input,
    output: { file, format: 'iife', sourcemap: false },
    plugins: [
      fallbackAsScript,
      versionPlugin(),
      minifyLiterals(),
      nodeResolve({ browser: true, exportConditions: ['production'] }),
      terser({ ecma: 2022, module: false, compress: { passes: 3 }, format: { comments: false } }),
    ],
    onwarn(warning, warn) {
      if (warning.code === 'THIS_IS_UNDEFINED') return;
      warn(warning);
    },
  };
}

export default [
  classicScript('dist/esm/define.js', 'dist/egov-widgets.js'),
  // DOMPurify, for browsers without the native HTML Sanitizer; loaded by the first on first need.
  classicScript('dist/esm/article-view/sanitizer-fallback-script.js', 'dist/egov-sanitizer-fallback.js'),
];
