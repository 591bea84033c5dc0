import { existsSync, readFileSync, readdirSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';

/** the workspace folders of package.json (`adapters/*` expanded) */
function workspaces() {
  const root = JSON.parse(readFileSync('package.json', 'utf8'));
  return root.workspaces.flatMap((dir) =>
    dir.endsWith('/*')
      ? readdirSync(dir.slice(0, -2), { withFileTypes: true })
          .filter((d) => d.isDirectory() && existsSync(`${dir.slice(0, -2)}/${d.name}/package.json`))
          .map((d) => `${dir.slice(0, -2)}/${d.name}`)
      : [dir],
  );
}

const SUBGRAPHS = ['member', 'points', 'orders', 'inventory', 'customer-service', 'content'];
const noSubgraphs = {
  group: SUBGRAPHS.map((s) => `@zhongtai/${s}`),
  message: 'Subgraphs meet through federation entities and domain events, never imports.',
};
const noMongoose = { name: 'mongoose', message: 'Database access lives in store/ repositories.' };

/**
 * The layers of a subgraph (the template in subgraphs/kit/README.md): resolvers see services and
 * domain types, never the store; services reach the database only through store/ repositories,
 * never through models; event consumers call services; no subgraph imports another.
 */
function layers() {
  const rule = (patterns, paths = [noMongoose]) => ({
    'no-restricted-imports': ['error', { paths, patterns: [noSubgraphs, ...patterns] }],
  });
  const noStore = {
    group: ['**/store/**'],
    message: 'The store is private to services: map domain records.',
  };
  const noModels = {
    group: ['**/store/models*'],
    message: 'Models are private to store/ repositories: call a repository method.',
  };
  const ignores = ['**/*.test.ts'];
  return [
    {
      files: ['subgraphs/*/src/schema/**/*.ts', 'subgraphs/*/src/policy.ts'],
      ignores,
      rules: rule([noStore]),
    },
    { files: ['subgraphs/*/src/events/**/*.ts'], ignores, rules: rule([noStore]) },
    { files: ['subgraphs/*/src/service/**/*.ts'], ignores, rules: rule([noModels]) },
  ];
}

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'coverage/**',
      'helm/**',
      'scripts/**',
      'contracts/client/src/generated/**',
      '.e2e-owner-*/**',
    ],
  },
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
      '**/*-main.ts',
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
  ...layers(),
  {
    // mappers are `static from(record)` on each GraphQL type, written with the kit's build(), which
    // checks every field; an Object.assign(new Type(), …) forgets one silently
    files: ['subgraphs/*/src/**/*.ts'],
    ignores: ['**/*.test.ts', 'subgraphs/kit/**', '**/main.ts', '**/config.ts', '**/*-cli.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' },
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read the environment only in config.ts (or a main/cli entry point).',
        },
        {
          selector:
            "CallExpression[callee.object.name='Object'][callee.property.name='assign'] > NewExpression",
          message: "Map records to GraphQL types with the type's mapper (build() from the kit).",
        },
      ],
    },
  },
  {
    // every import is a dependency declared in the importing package's own package.json
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver()] },
    rules: { 'import-x/no-extraneous-dependencies': ['error', { includeTypes: true }] },
  },
  // tests may also use the root's test tooling (jest, fast-check)
  ...workspaces().map((dir) => ({
    files: [`${dir}/**/*.test.ts`, `${dir}/src/testing/**/*.ts`],
    rules: {
      'import-x/no-extraneous-dependencies': [
        'error',
        { includeTypes: true, devDependencies: true, packageDir: [dir, '.'] },
      ],
    },
  })),
  { files: ['jest.config.js', 'eslint.config.js'], rules: { 'no-restricted-syntax': 'off' } },
);
