// The kit's version has one source, package.json. The code names it `__EGOV_VERSION__`
// (src/shared/version.ts), and every build puts package.json's version in its place: `npm run
// build` in tsc's output (dist/esm, which rollup then bundles), the editors' page bundle (built
// straight from TypeScript) through `versionPlugin`, the component tests through esbuild's
// `define` (web-test-runner.config.mjs).
import { readFileSync } from 'node:fs';

export const VERSION_PLACEHOLDER = '__EGOV_VERSION__';

export function packageVersion() {
  return JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
}

/** `code` with the placeholder replaced by package.json's version, as a string literal. */
export function injectVersion(code) {
  return code.replaceAll(VERSION_PLACEHOLDER, JSON.stringify(packageVersion()));
}

/** For esbuild's `define`. */
export const versionDefine = () => ({ [VERSION_PLACEHOLDER]: JSON.stringify(packageVersion()) });

/** A rollup plugin doing `injectVersion` on every module that names the placeholder. */
export function versionPlugin() {
  return {
    name: 'egov-version',
    transform(code) {
      return code.includes(VERSION_PLACEHOLDER) ? { code: injectVersion(code), map: null } : null;
    },
  };
}
