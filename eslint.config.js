// Lint: core JS rules, TypeScript's parser, import order, and the stage dependency rule. Run by `npm test`.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * The stages in flow order (docs/ARCHITECTURE.md): a folder may import from the folders before it,
 * never from one after it. src/index.ts, the package entry, may import any.
 */
const STAGES = [
  'model',
  'util',
  'normalize',
  'read',
  'ocr',
  'locate',
  'reconstruct',
  'check',
  'pipeline',
  'write',
  'harvest',
  'queue',
  'review',
  'cli',
];
const zones = STAGES.slice(0, -1).map((stage, i) => ({
  target: `./src/${stage}`,
  from: STAGES.slice(i + 1).map((later) => `./src/${later}`),
  message: `src/${stage} comes before these stages in the flow and must not import them (see docs/ARCHITECTURE.md)`,
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'corpus/**', 'output/**'] },
  {
    files: ['**/*.ts', '**/*.js'],
    extends: [js.configs.recommended, tseslint.configs.base],
    plugins: { 'import-x': importX },
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        performance: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        globalThis: 'readonly',
        NodeJS: 'readonly',
        ReadableStream: 'readonly',
        WritableStream: 'readonly',
        TransformStream: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        BufferSource: 'readonly',
        queueMicrotask: 'readonly',
        structuredClone: 'readonly',
      },
    },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.check.json' })],
    },
    rules: {
      // TypeScript checks these itself (types, declarations, unused names)
      'no-undef': 'off',
      'no-unused-vars': 'off',
      'no-redeclare': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
      'no-sequences': ['error', { allowInParentheses: false }],
      'import-x/order': [
        'error',
        {
          groups: ['builtin', 'external', 'internal', ['parent', 'sibling', 'index']],
          alphabetize: { order: 'asc', caseInsensitive: true },
          'newlines-between': 'never',
        },
      ],
      'import-x/no-restricted-paths': ['error', { zones }],
      // one screen wide: prettier wraps code at 120, this catches the strings and regexes it cannot
      'max-len': ['error', { code: 120, tabWidth: 2 }],
    },
  },
  {
    // a function is read in one sitting (tests are lists of cases and may run longer)
    files: ['src/**/*.ts', 'scripts/**/*.ts', 'bin/*.js'],
    ignores: ['**/*.test.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }] },
  },
);
