// One jest run for every workspace. Tests import sibling packages from their TypeScript sources
// (no build needed between an edit and a test run); @swc/jest keeps decorator metadata on,
// which type-graphql needs and which esbuild/tsx do not emit.
import { existsSync, readFileSync, readdirSync } from 'node:fs';

const root = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
// workspace globs such as `adapters/*` expand to their package folders
const workspaces = root.workspaces.flatMap((dir) =>
  dir.endsWith('/*')
    ? readdirSync(new URL(`./${dir.slice(0, -2)}`, import.meta.url), { withFileTypes: true })
        .filter(
          (d) =>
            d.isDirectory() &&
            existsSync(new URL(`./${dir.slice(0, -2)}/${d.name}/package.json`, import.meta.url)),
        )
        .map((d) => `${dir.slice(0, -2)}/${d.name}`)
    : [dir],
);
const workspaceMap = {};
for (const dir of workspaces) {
  const pkg = JSON.parse(readFileSync(new URL(`./${dir}/package.json`, import.meta.url), 'utf8'));
  workspaceMap[`^${pkg.name.replace('/', '\\/')}$`] = `<rootDir>/${dir}/src/index.ts`;
}

const swc = {
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

export default {
  testEnvironment: 'node',
  roots: workspaces.map((dir) => `<rootDir>/${dir}/src`),
  testMatch: ['**/*.test.ts'],
  // the fault runs (kill -9, restarts, minutes of load) run with `npm run test:faults`, the end-to-end
  // stories with `npm run test:e2e`
  testPathIgnorePatterns: [
    '/node_modules/',
    ...(process.env.ZT_FAULTS === '1' ? [] : ['\\.faults\\.test\\.ts$']),
    ...(process.env.ZT_E2E === '1' ? [] : ['\\.e2e\\.test\\.ts$']),
  ],
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: { ...workspaceMap, '^(\\.{1,2}/.*)\\.js$': '$1' },
  testTimeout: 30000,
  maxWorkers: 2,
  // a worker is replaced once its heap passes this after a test file: with ESM in vm contexts every file's
  // modules stay behind, and a worker at 650–750 MB took ~700 ms to exit, past jest's 500 ms ("A worker
  // process has failed to exit gracefully"); measured +4% time on the adapters' suites
  workerIdleMemoryLimit: '350MB',
};
