import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KINDS, scaffoldAdapter } from './scaffold.js';

describe('adapter scaffold', () => {
  it.each(KINDS)(
    'writes a %s adapter that implements its port with stubs and runs the conformance suite',
    (kind) => {
      const root = mkdtempSync(join(tmpdir(), 'zt-scaffold-'));
      writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ files: [], references: [] }));
      const files = scaffoldAdapter(root, kind, `my-${kind}`);
      expect(files.map((f) => f.slice(root.length + 1)).sort()).toEqual(
        [
          'README.md',
          'package.json',
          'src/conformance.test.ts',
          'src/index.ts',
          'src/simulator.ts',
          'tsconfig.json',
        ]
          .map((f) => `adapters/my-${kind}/${f}`)
          .sort(),
      );
      const source = readFileSync(join(root, `adapters/my-${kind}/src/index.ts`), 'utf8');
      expect(source).toContain(`readonly kind = '${kind}' as const;`);
      expect(readFileSync(join(root, `adapters/my-${kind}/src/conformance.test.ts`), 'utf8')).toContain(
        `kind: '${kind}'`,
      );
      expect(JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8')).references).toEqual([
        { path: `adapters/my-${kind}` },
      ]);
      expect(() => scaffoldAdapter(root, kind, `my-${kind}`)).toThrow(/exists/);
    },
  );

  it('refuses unknown kinds and bad names', () => {
    const root = mkdtempSync(join(tmpdir(), 'zt-scaffold-'));
    expect(() => scaffoldAdapter(root, 'fax' as never, 'x-y')).toThrow(/kind/);
    expect(() => scaffoldAdapter(root, 'pos', 'Bad Name')).toThrow(/name/);
  });
});
