import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', 'helm/**', 'scripts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { disallowTypeAnnotations: false, fixStyle: 'inline-type-imports' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' },
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read the environment only in config.ts (or a main/cli entry point).',
        },
      ],
    },
  },
  {
    // entry points and config readers may touch process.env
    files: [
      '**/config.ts',
      '**/main.ts',
      '**/*-cli.ts',
      '**/*.test.ts',
      '**/testing/**',
      'bench/src/**',
      'jest.config.js',
      'eslint.config.js',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ExportDefaultDeclaration[declaration.type!="ObjectExpression"]',
          message: 'Named exports only.',
        },
      ],
    },
  },
  {
    // domain code is pure: no GraphQL, no database, no adapters
    files: ['subgraphs/*/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'graphql',
            'type-graphql',
            'mongoose',
            'redis',
            '@zhongtai/subgraph-kit',
            '**/store/**',
            '**/schema/**',
          ],
        },
      ],
    },
  },
  {
    // the layers of a subgraph: resolvers, services and event
    // consumers reach the database only through store/ repositories; subgraphs never import each other
    files: [
      'subgraphs/*/src/schema/**/*.ts',
      'subgraphs/*/src/service/**/*.ts',
      'subgraphs/*/src/events/**/*.ts',
    ],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'mongoose', message: 'Database access lives in store/ repositories.' }],
          patterns: [
            {
              group: ['@zhongtai/member', '@zhongtai/points', '@zhongtai/orders', '@zhongtai/inventory'],
              message: 'Subgraphs meet through federation entities and domain events, never imports.',
            },
            {
              group: ['@zhongtai/customer-service', '@zhongtai/content'],
              message: 'Subgraphs meet through federation entities and domain events, never imports.',
            },
          ],
        },
      ],
    },
  },
  { files: ['jest.config.js', 'eslint.config.js'], rules: { 'no-restricted-syntax': 'off' } },
);
