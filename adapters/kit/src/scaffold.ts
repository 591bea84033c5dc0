import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const KINDS = ['member-source', 'pos', 'oms', 'wms', 'notification', 'wechat'] as const;
export type Kind = (typeof KINDS)[number];

const PORT: Record<Kind, { port: string; methods: string; fixture: string }> = {
  'member-source': {
    port: 'MemberSourceAdapter',
    methods: `  async listMembers(_cursor: string | null): Promise<Page<NormalisedMember>> {
    throw this.todo('listMembers');
  }

  async listPointBalances(_cursor: string | null): Promise<Page<NormalisedPointBalance>> {
    throw this.todo('listPointBalances');
  }

  async getPointBalance(_memberExternalId: string): Promise<NormalisedPointBalance | null> {
    throw this.todo('getPointBalance');
  }`,
    fixture: `expected: {
        members: [{ source: 'legacy', externalId: 'M1', channel: 'STORE', phone: '13800000001', displayName: 'Li' }],
        balances: [{ source: 'legacy', memberExternalId: 'M1', channel: 'STORE', balance: 100, asOf: '2026-01-01T00:00:00.000Z' }],
      }`,
  },
  pos: {
    port: 'PosAdapter',
    methods: `  async listSales(_cursor: string | null): Promise<Page<NormalisedOrder | NormalisedRefund>> {
    throw this.todo('listSales');
  }`,
    fixture: `expected: { feed: [] }`,
  },
  oms: {
    port: 'OmsAdapter',
    methods: `  async listOrders(_cursor: string | null): Promise<Page<NormalisedOrder | NormalisedRefund>> {
    throw this.todo('listOrders');
  }

  parseWebhook(_headers: Record<string, string>, _body: string): NormalisedOrder | NormalisedRefund {
    throw this.todo('parseWebhook');
  }`,
    fixture: `expected: { feed: [] },
      webhook: async () => ({ headers: {}, body: '{}', expected: { source: 'oms', orderExternalId: 'O1', refundId: 'R1', amount: 100, refundedAt: '2026-01-01T00:00:00.000Z' } })`,
  },
  wms: {
    port: 'WmsAdapter',
    methods: `  async getStock(_items: Array<{ sku: string; locationId: string }>): Promise<StockLevel[]> {
    throw this.todo('getStock');
  }`,
    fixture: `expected: { stock: [{ sku: 'SKU-0001', locationId: 'store-sh-001', onHand: 5, available: 4, asOf: '2026-01-01T00:00:00.000Z' }] }`,
  },
  notification: {
    port: 'NotificationAdapter',
    methods: `  async send(_message: OutboundNotification): Promise<{ providerMessageId: string }> {
    throw this.todo('send');
  }`,
    fixture: `delivered: async () => []`,
  },
  wechat: {
    port: 'WechatAdapter',
    methods: `  parseWebhook(_headers: Record<string, string>, _body: string): WechatEvent {
    throw this.todo('parseWebhook');
  }

  /** parseWebhook, then the kit's refuseReplay with the push's timestamp and nonce */
  async receiveWebhook(_headers: Record<string, string>, _body: string): Promise<WechatEvent> {
    throw this.todo('receiveWebhook');
  }`,
    fixture: `webhook: async () => ({ headers: {}, body: '<xml/>', expected: { kind: 'FOLLOW', openId: 'o1', occurredAt: '2026-01-01T00:00:00.000Z', messageId: 'o1-1' } })`,
  },
};

const pascal = (name: string) => name.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase());

/**
 * `npm run adapter:new -- <kind> <name>`: a new adapter package that compiles, runs the kind's
 * conformance suite, and fails it until every method is implemented. Returns the files written.
 */
export function scaffoldAdapter(root: string, kind: Kind, name: string): string[] {
  if (!KINDS.includes(kind)) throw new Error(`kind must be one of ${KINDS.join(', ')}`);
  if (!/^[a-z][a-z0-9-]{1,40}$/.test(name))
    throw new Error('name is lowercase letters, digits and dashes, e.g. pos-kingdee');
  const dir = join(root, 'adapters', name);
  if (existsSync(dir)) throw new Error(`${dir} exists already`);
  const cls = `${pascal(name)}Adapter`;
  const p = PORT[kind];
  const files: Record<string, string> = {
    'package.json': `${JSON.stringify(
      {
        name: `@zhongtai/adapter-${name}`,
        version: '0.1.0',
        private: true,
        description: `${kind} adapter for ${name}`,
        type: 'module',
        license: 'MIT',
        main: './dist/index.js',
        types: './dist/index.d.ts',
        exports: {
          '.': { types: './dist/index.d.ts', default: './dist/index.js' },
          './package.json': './package.json',
        },
        dependencies: { '@zhongtai/adapter-kit': '0.1.0', '@zhongtai/contracts': '0.1.0', zod: '4.6.7' },
      },
      null,
      2,
    )}\n`,
    'tsconfig.json': `${JSON.stringify(
      {
        extends: '../../tsconfig.base.json',
        compilerOptions: { rootDir: 'src', outDir: 'dist', tsBuildInfoFile: 'dist/.tsbuildinfo' },
        include: ['src'],
        references: [{ path: '../../contracts' }, { path: '../kit' }],
      },
      null,
      2,
    )}\n`,
    'src/index.ts': `import { z } from 'zod';
import type { AdapterHealth, ${p.port}, NormalisedMember, NormalisedOrder, NormalisedPointBalance, NormalisedRefund, OutboundNotification, Page, StockLevel, WechatEvent } from '@zhongtai/contracts';
import { AdapterError, type LegacyHttp, createLegacyHttp } from '@zhongtai/adapter-kit';

const Options = z.object({ baseUrl: z.url(), timeoutMs: z.number().int().positive().default(2000) });
export type ${cls}Options = z.input<typeof Options>;

/** ${kind} adapter for ${name}. Replace every \`todo\` with a call to the system and a mapping to the normalised record. */
export class ${cls} implements ${p.port} {
  readonly identifier = '${name}';
  readonly kind = '${kind}' as const;
  private readonly http: LegacyHttp;

  constructor(options: ${cls}Options) {
    const o = Options.parse(options);
    this.http = createLegacyHttp({ name: this.identifier, baseUrl: o.baseUrl, timeoutMs: o.timeoutMs });
  }

  async init(): Promise<void> {}

  async destroy(): Promise<void> {}

  async healthCheck(): Promise<AdapterHealth> {
    try {
      await this.http.request('GET', '/health');
      return { ok: true };
    } catch (error) {
      return { ok: false, detail: (error as Error).message };
    }
  }

${p.methods}

  private todo(method: string): AdapterError {
    return new AdapterError(this.identifier, \`\${method} is not implemented yet\`, false);
  }
}

/** Unused imports of the template are fine to delete once the adapter is written. */
export type _Unused = NormalisedMember | NormalisedOrder | NormalisedPointBalance | NormalisedRefund | OutboundNotification | Page<unknown> | StockLevel | WechatEvent;
`,
    'src/simulator.ts': `import { Simulator } from '@zhongtai/adapter-kit';

/** A stand-in for the legacy system: answer like it does (its ids, fields, paging, quirks). */
export function create${pascal(name)}Simulator(): Simulator {
  return new Simulator('${name}', (req) => (req.path === '/health' ? { body: { ok: true } } : { status: 501, body: { error: 'not simulated yet' } }));
}
`,
    'src/conformance.test.ts': `import { describeConformance } from '@zhongtai/adapter-kit';
import { ${cls} } from './index.js';
import { create${pascal(name)}Simulator } from './simulator.js';

describeConformance({
  kind: '${kind}',
  make: async () => {
    const sim = create${pascal(name)}Simulator();
    const url = await sim.start();
    return {
      adapter: new ${cls}({ baseUrl: url }),
      sim,
      ${p.fixture},
    };
  },
});
`,
    'README.md': `# @zhongtai/adapter-${name}

A ${kind} adapter (scaffolded). See [../README.md](../README.md) for how to write, test and register it.
Until every method is implemented, \`npm test\` fails the ${kind} conformance suite.
`,
  };
  const written: string[] = [];
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
    written.push(join(dir, file));
  }
  const tsconfig = join(root, 'tsconfig.json');
  const solution = JSON.parse(readFileSync(tsconfig, 'utf8')) as { references: Array<{ path: string }> };
  if (!solution.references.some((r) => r.path === `adapters/${name}`)) {
    solution.references.push({ path: `adapters/${name}` });
    writeFileSync(tsconfig, `${JSON.stringify(solution, null, 2)}\n`);
  }
  return written;
}
