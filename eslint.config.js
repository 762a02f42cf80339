import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'server/dist/', 'node_modules/', 'custom-elements.json', 'bench/results.json', 'screenshots/', '.stryker-tmp/', 'reports/',
    // ASP.NET's own script, copied whole for the legacy page: not ours to restyle.
    'tests/e2e/legacy/WebForms.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'server/admin/src/**/*.ts', 'tests/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts', 'server/admin/src/**/*.ts'],
    ...wc.configs['flat/recommended'],
    settings: { wc: { elementBaseClasses: ['LitElement', 'EgovElement', 'AdminElement'] } },
  },
  {
    files: ['src/**/*.ts', 'server/admin/src/**/*.ts'],
    ...litA11y.configs.recommended,
  },
  {
    files: ['src/**/*.ts', 'server/admin/src/**/*.ts', 'tests/**/*.ts', 'demo/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['server/**/*.{ts,js}', 'scripts/**/*.{mjs,ts}', 'tests/server/**/*.ts', 'tests/e2e/**/*.ts', 'tests/support/**/*.mjs', '*.config.{js,mjs}', 'bench/**/*.{mjs,ts}'],
    languageOptions: { globals: globals.node },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
    },
  },
  {
    // chai's `expect(x).to.be.true` style reads as an unused expression.
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
