import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'test/fixtures/**',
      'src/**/*.generated.js',
      '.bench/**',
      'test-results/**',
      '*.vsix',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        require: 'readonly',
        __dirname: 'readonly',
        module: 'writable',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
      },
    },
    rules: {
      curly: ['error', 'multi-line'],
      eqeqeq: ['error', 'smart'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // Promise rules need type information: a floating promise or an async callback where a void one
    // is expected loses its error silently (issue 16: "type-aware promise lint rules on").
    files: ['src/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/promise-function-async': 'off',
    },
  },
  {
    // The scan engine has one door (issue 16): outside src/locales/scan/ only its index is imported.
    files: ['src/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['src/locales/scan/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)locales/scan/(?!index$)|^\\./scan/(?!index$)',
              message: 'Import the scan engine through its index (locales/scan), not its internal modules.',
            },
          ],
        },
      ],
    },
  },
  {
    // Layer rule (DESIGN.md): only the host layer and the entry point may touch the vscode API.
    files: ['src/**/*.ts'],
    ignores: ['src/host/**', 'src/extension.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'Only src/host/ and src/extension.ts may import vscode.' }] },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.name='setGlobalDispatcher']",
          message: 'Pass a dispatcher per request (DESIGN.md).',
        },
      ],
    },
  },
);
