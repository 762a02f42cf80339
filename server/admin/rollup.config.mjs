// The editors' page script, `dist/admin/egov-admin.js`: the same minified classic script as the
// readers' bundle (see ../../rollup.config.mjs), built straight from TypeScript, since the
// page's sources (server/admin/src) are not part of the kit's `tsc` build. TypeScript's own
// `transpileModule` compiles each file; types are checked by `npm run typecheck`.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { classicScript } from '../../rollup.config.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** What decides the emitted code, as in tsconfig.json: Lit's legacy decorators on ES2022 classes. */
const COMPILER_OPTIONS = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  experimentalDecorators: true,
  useDefineForClassFields: false,
  isolatedModules: true,
};

/** Resolves `./x.js` to `./x.ts` (how NodeNext sources import each other) and compiles it. */
function typescript() {
  return {
    name: 'egov-typescript',
    resolveId(source, importer) {
      if (!importer || !source.startsWith('.') || !source.endsWith('.js')) return null;
      const candidate = path.resolve(path.dirname(importer), `${source.slice(0, -3)}.ts`);
      return existsSync(candidate) ? candidate : null;
    },
    transform(code, id) {
      if (!id.endsWith('.ts')) return null;
      return { code: ts.transpileModule(code, { compilerOptions: COMPILER_OPTIONS, fileName: id }).outputText, map: null };
    },
  };
}

const base = classicScript(path.join(ROOT, 'server/admin/src/egov-admin.ts'), path.join(ROOT, 'dist/admin/egov-admin.js'));

export default { ...base, plugins: [typescript(), ...base.plugins] };
