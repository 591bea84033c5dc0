import { existsSync, readFileSync } from 'node:fs';

/**
 * docs/DOMAIN.md and docs/RUNTIME.md are copies of the shared requirements and runtime contract
 * (beside the repository), under a one-line header. They must say what the originals say.
 */
const shared = (path: string) => new URL(`../../../../shared/${path}`, import.meta.url);
const copy = (name: string) => new URL(`../../../docs/${name}`, import.meta.url);

describe.each([
  ['DOMAIN.md', 'DOMAIN.md'],
  ['contract/RUNTIME.md', 'RUNTIME.md'],
])('the copy of %s', (original, name) => {
  const there = existsSync(shared(original));
  (there ? it : it.skip)(`in docs/${name} is current`, () => {
    const body = readFileSync(copy(name), 'utf8').split('\n').slice(2).join('\n');
    expect(body).toBe(readFileSync(shared(original), 'utf8'));
  });
});
