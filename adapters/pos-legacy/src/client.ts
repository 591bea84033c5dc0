import {
  AdapterError,
  type LegacyHttp,
  type LegacyHttpOptions,
  createLegacyClients,
  probeHealth,
} from '@zhongtai/adapter-kit';
import type { AdapterHealth, NormalisedOrder, NormalisedRefund, Page, PosAdapter } from '@zhongtai/contracts';
import { z } from 'zod';
import { PosAnswerSchema, type PosRow } from './legacy.js';
import { POS_IDENTIFIER } from './legacy-format.js';
import { mapSaleRow } from './mapping.js';

export const PosLegacyOptionsSchema = z.strictObject({
  /** where the POS back office answers, e.g. http://pos-bo.internal:8090 */
  baseUrl: z.url(),
  /** rows asked for per call (the back office gives at most 200) */
  pageSize: z.int().min(1).max(200).default(100),
  /** calls one listSales may make to get past rows that are not sales (voided receipts, shifts) */
  maxSkipCalls: z.int().min(1).max(100).default(10),
  timeoutMs: z.int().min(10).max(60_000).default(2000),
  retries: z.int().min(0).max(10).default(3),
  breaker: z
    .strictObject({ threshold: z.int().min(1).optional(), halfOpenAfterMs: z.int().min(10).optional() })
    .optional(),
  /** POS store code (门店编码) → platform store id; codes not listed pass through unchanged */
  storeCodes: z.record(z.string().min(1), z.string().min(1)).default({}),
});

export type PosLegacyOptions = z.input<typeof PosLegacyOptionsSchema> & {
  /** prom-client registry for the kit's adapter metrics */
  registry?: LegacyHttpOptions['registry'];
};

type FeedItem = NormalisedOrder | NormalisedRefund;

/** The pos adapter for the store POS back office: its sales feed, incremental by serial number. */
export class PosLegacyAdapter implements PosAdapter {
  readonly identifier = POS_IDENTIFIER;
  readonly kind = 'pos' as const;
  private readonly opts: z.output<typeof PosLegacyOptionsSchema>;
  private readonly http: LegacyHttp;
  private readonly probe: LegacyHttp;
  private destroyed = false;

  constructor(options: PosLegacyOptions) {
    const { registry, ...rest } = options;
    const parsed = PosLegacyOptionsSchema.safeParse(rest);
    if (!parsed.success)
      throw new AdapterError(POS_IDENTIFIER, `invalid options: ${z.prettifyError(parsed.error)}`, false);
    this.opts = parsed.data;
    ({ http: this.http, probe: this.probe } = createLegacyClients(
      {
        name: POS_IDENTIFIER,
        baseUrl: this.opts.baseUrl,
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
    return probeHealth(async () => void (await this.call(this.probe, '/posbo/xtsj', {})), this.http);
  }

  /**
   * Sales and returns after serial `cursor` (null: from the start). `nextCursor` is the last serial
   * read, or `cursor` itself when nothing is newer. Rows that are not sales are skipped; when a
   * whole page is such rows the next page is read at once (up to `maxSkipCalls` calls), so an empty
   * page always means "nothing newer yet" (or the skip budget was spent; the cursor moved on).
   */
  async listSales(cursor: string | null): Promise<Page<FeedItem>> {
    if (cursor !== null && !/^\d+$/.test(cursor))
      throw new AdapterError(
        POS_IDENTIFIER,
        `not a cursor of this adapter: ${JSON.stringify(cursor)}`,
        false,
      );
    let after = cursor === null ? 0 : Number(cursor);
    let moved = false;
    for (let calls = 0; calls < this.opts.maxSkipCalls; calls++) {
      const rows = await this.page(after);
      if (!rows.length) break;
      after = rows[rows.length - 1].lsh;
      moved = true;
      const items = rows
        .map((r) => mapSaleRow(r, { storeCodes: this.opts.storeCodes }))
        .filter((x): x is FeedItem => x !== null);
      if (items.length) return { items, nextCursor: String(after) };
    }
    return { items: [], nextCursor: moved ? String(after) : cursor };
  }

  private async page(after: number): Promise<PosRow[]> {
    const body = await this.call(this.http, '/posbo/xsls', { qslsh: after, ts: this.opts.pageSize });
    const rows = body.rows ?? [];
    let last = after;
    for (const r of rows) {
      if (r.lsh <= last)
        throw new AdapterError(
          POS_IDENTIFIER,
          `the feed went backwards: serial ${r.lsh} after ${last}`,
          false,
        );
      last = r.lsh;
    }
    return rows;
  }

  private async call(http: LegacyHttp, path: string, query: Record<string, number>) {
    if (this.destroyed) throw new AdapterError(POS_IDENTIFIER, 'the adapter was destroyed', false);
    const res = await http.request('GET', path, { query });
    const parsed = PosAnswerSchema.safeParse(res.body);
    if (!parsed.success)
      throw new AdapterError(
        POS_IDENTIFIER,
        `unexpected answer from ${path}: ${z.prettifyError(parsed.error)}`,
        false,
      );
    if (parsed.data.ret !== 0)
      throw new AdapterError(
        POS_IDENTIFIER,
        `the POS refused (${parsed.data.ret} ${parsed.data.msg})`,
        false,
      );
    return parsed.data;
  }
}

export const createPosLegacyAdapter = (options: PosLegacyOptions): PosLegacyAdapter =>
  new PosLegacyAdapter(options);
