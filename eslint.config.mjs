// ESLint flat config. The type-aware promise rules are the point: a promise nobody awaits (a request that fails
// after the test or the command ended, an error that never reaches the CLI's one handler) is a bug here. The rest is
// a small set that the code already keeps; formatting is prettier's job (.prettierrc.json), not ESLint's.
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const unusedVars = {
  args: 'after-used',
  argsIgnorePattern: '^_',
  varsIgnorePattern: '^_',
  caughtErrorsIgnorePattern: '^_',
  destructuredArrayIgnorePattern: '^_',
  ignoreRestSiblings: true,
};

const common = {
  eqeqeq: ['error', 'always', { null: 'ignore' }],
  'no-var': 'error',
  'no-debugger': 'error',
  'no-console': 'error',
};

export default defineConfig(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'coverage/',
      'allure-results/',
      'lso-results/',
      'bench/results/',
      '.lso-cache/',
    ],
  },
  {
    // A directive for a rule this config does not enable (runtime/server/prism.ts has one for
    // @typescript-eslint/no-require-imports) is not an error.
    linterOptions: { reportUnusedDisableDirectives: 'off' },
  },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      // Type information from tsconfig.json, which includes every TypeScript folder.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      ...common,
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', unusedVars],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { ecmaVersion: 2023 },
    rules: { ...common, 'no-unused-vars': ['error', unusedVars] },
  },
  {
    // The benchmarks print their tables with console.log.
    files: ['bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
