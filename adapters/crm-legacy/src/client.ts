import {
  AdapterError,
  type LegacyHttp,
  type LegacyHttpOptions,
  createLegacyClients,
  probeHealth,
} from '@zhongtai/adapter-kit';
import type {
  AdapterHealth,
  MemberSourceAdapter,
  NormalisedMember,
  NormalisedPointBalance,
  Page,
} from '@zhongtai/contracts';
import { z } from 'zod';
import {
  CRM_CODES,
  CrmBalanceRowSchema,
  CrmEnvelopeSchema,
  CrmMemberRowSchema,
  crmPageSchema,
} from './legacy.js';
import { CRM_IDENTIFIER } from './legacy-format.js';
import { type CrmMappingOptions, mapBalance, mapMember } from './mapping.js';

export const CrmLegacyOptionsSchema = z.strictObject({
  /** where the CRM answers, e.g. http://crm.internal:8080 */
  baseUrl: z.url(),
  /** sent in the `token` header when the CRM requires one */
  token: z.string().min(1).optional(),
  /** rows per page asked for (the CRM gives at most 100) */
  pageSize: z.int().min(1).max(100).default(50),
  timeoutMs: z.int().min(10).max(60_000).default(2000),
  retries: z.int().min(0).max(10).default(3),
  breaker: z
    .strictObject({ threshold: z.int().min(1).optional(), halfOpenAfterMs: z.int().min(10).optional() })
    .optional(),
  /** CRM store code (门店编码) → platform store id; codes not listed pass through unchanged */
  storeCodes: z.record(z.string().min(1), z.string().min(1)).default({}),
  /** a phone that is not a mainland mobile: drop it (default) or fail the listing */
  invalidPhone: z.enum(['omit', 'error']).default('omit'),
});

export type CrmLegacyOptions = z.input<typeof CrmLegacyOptionsSchema> & {
  /** prom-client registry for the kit's adapter metrics */
  registry?: LegacyHttpOptions['registry'];
};

const CURSOR = /^(\d+):(\d+)$/;

/** The member-source adapter for the old CRM (members and their point balances). */
export class CrmLegacyAdapter implements MemberSourceAdapter {
  readonly identifier = CRM_IDENTIFIER;
  readonly kind = 'member-source' as const;
  private readonly opts: z.output<typeof CrmLegacyOptionsSchema>;
  private readonly http: LegacyHttp;
  private readonly probe: LegacyHttp;
  private destroyed = false;

  constructor(options: CrmLegacyOptions) {
    const { registry, ...rest } = options;
    const parsed = CrmLegacyOptionsSchema.safeParse(rest);
    if (!parsed.success)
      throw new AdapterError(CRM_IDENTIFIER, `invalid options: ${z.prettifyError(parsed.error)}`, false);
    this.opts = parsed.data;
    ({ http: this.http, probe: this.probe } = createLegacyClients(
      {
        name: CRM_IDENTIFIER,
        baseUrl: this.opts.baseUrl,
        headers: this.opts.token ? { token: this.opts.token } : undefined,
        registry,
        timeoutMs: this.opts.timeoutMs,
        retries: this.opts.retries,
        breaker: this.opts.breaker,
      },
      Math.min(this.opts.timeoutMs, 1000),
    ));
  }

  async init(): Promise<void> {
    this.destroyed = false;
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
  }

  async healthCheck(): Promise<AdapterHealth> {
    return probeHealth(async () => void (await this.call(this.probe, '/api/xt/sj', {})), this.http);
  }

  /** Cursor "page:size"; null starts at page 1. The last page answers nextCursor null. */
  async listMembers(cursor: string | null): Promise<Page<NormalisedMember>> {
    return this.listPage(cursor, '/api/hy/list', CrmMemberRowSchema, (row) => mapMember(row, this.mapping));
  }

  async listPointBalances(cursor: string | null): Promise<Page<NormalisedPointBalance>> {
    return this.listPage(cursor, '/api/jf/list', CrmBalanceRowSchema, mapBalance);
  }

  async getPointBalance(memberExternalId: string): Promise<NormalisedPointBalance | null> {
    const data = await this.call(this.http, '/api/jf/cx', { hybh: memberExternalId.trim() }, true);
    return data === null ? null : mapBalance(this.shape(CrmBalanceRowSchema, data, '/api/jf/cx'));
  }

  private get mapping(): CrmMappingOptions {
    return { storeCodes: this.opts.storeCodes, invalidPhone: this.opts.invalidPhone };
  }

  private async listPage<R extends z.ZodType, T>(
    cursor: string | null,
    path: string,
    row: R,
    map: (r: z.output<R>) => T,
  ): Promise<Page<T>> {
    let page = 1;
    let size = this.opts.pageSize;
    if (cursor !== null) {
      const m = CURSOR.exec(cursor);
      if (!m || Number(m[1]) < 1 || Number(m[2]) < 1)
        throw new AdapterError(
          CRM_IDENTIFIER,
          `not a cursor of this adapter: ${JSON.stringify(cursor)}`,
          false,
        );
      [page, size] = [Number(m[1]), Number(m[2])];
    }
    const data = this.shape(crmPageSchema(row), await this.call(this.http, path, { page, size }), path);
    const items = data.rows.map((r) => map(r as z.output<R>));
    const more = data.rows.length > 0 && page * size < data.total;
    return { items, nextCursor: more ? `${page + 1}:${size}` : null };
  }

  private shape<S extends z.ZodType>(schema: S, data: unknown, path: string): z.output<S> {
    const parsed = schema.safeParse(data);
    if (!parsed.success)
      throw new AdapterError(
        CRM_IDENTIFIER,
        `unexpected answer from ${path}: ${z.prettifyError(parsed.error)}`,
        false,
      );
    return parsed.data;
  }

  /** One GET; unwraps `{ code, msg, data }` (the CRM answers HTTP 200 even when it refuses). */
  private async call(
    http: LegacyHttp,
    path: string,
    query: Record<string, string | number>,
    notFoundIsNull = false,
  ): Promise<unknown> {
    if (this.destroyed) throw new AdapterError(CRM_IDENTIFIER, 'the adapter was destroyed', false);
    const res = await http.request('GET', path, { query });
    const env = this.shape(CrmEnvelopeSchema, res.body, path);
    if (env.code === CRM_CODES.OK) return env.data ?? null;
    if (env.code === CRM_CODES.NO_SUCH_MEMBER && notFoundIsNull) return null;
    const what = env.code === CRM_CODES.TOKEN_REJECTED ? 'the CRM rejected the token' : 'the CRM refused';
    // 9xxx: "system busy" and friends, worth trying again later
    throw new AdapterError(CRM_IDENTIFIER, `${what} (${env.code} ${env.msg})`, env.code.startsWith('9'));
  }
}

export const createCrmLegacyAdapter = (options: CrmLegacyOptions): CrmLegacyAdapter =>
  new CrmLegacyAdapter(options);
