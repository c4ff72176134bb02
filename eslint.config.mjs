import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.data/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-empty-object-type': 'off',
      // Packages are used through their one public index.ts only.
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@linli/*/*'], message: 'Import a package through its public index only.' }] },
      ],
      'import-x/no-cycle': ['error', { maxDepth: 8, ignoreExternal: true }],
    },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.js'] } } },
  },
  {
    // Only env.ts reads process.env (one validated config per process).
    files: ['**/src/**/*.ts'],
    ignores: ['**/env.ts', '**/*.spec.ts', '**/testing/src/**', '**/stack/src/**', '**/bench/src/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through env.ts.' }],
    },
  },
);
