import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

/**
 * The one-script bundle: a minified classic script (IIFE) with Lit, @lit/task and DOMPurify
 * inlined, built from the ES modules that `tsc -p tsconfig.build.json` writes to dist/esm.
 * Lit's `production` export condition drops its development warnings.
 */
export function classicScript(input, file) {
  return {
    input,
    output: { file, format: 'iife', sourcemap: false },
    plugins: [
      nodeResolve({ browser: true, exportConditions: ['production'] }),
      terser({ ecma: 2021, module: false, format: { comments: false } }),
    ],
    onwarn(warning, warn) {
      if (warning.code === 'THIS_IS_UNDEFINED') return;
      warn(warning);
    },
  };
}

export default [classicScript('dist/esm/define.js', 'dist/egov-widgets.js')];
