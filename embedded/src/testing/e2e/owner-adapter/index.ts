import { z } from 'zod';
import type { AdapterHealth, NormalisedOrder, NormalisedRefund, Page, PosAdapter } from '@zhongtai/contracts';
import { type LegacyHttp, createLegacyHttp } from '@zhongtai/adapter-kit';
import type { BakeryTicket } from './simulator.js';

const Options = z.object({
  baseUrl: z.url(),
  timeoutMs: z.number().int().positive().default(2000),
  /** the till system's shop codes → the platform's store ids */
  shops: z.record(z.string(), z.string()).default({ SH01: 'store-sh-001', SH02: 'store-sh-002' }),
});
export type BakeryPosAdapterOptions = z.input<typeof Options>;

const fen = (yuan: string) => Math.round(Number(yuan) * 100);
/** `2026-11-01 10:30:00` in Shanghai → ISO instant */
const instant = (local: string) => new Date(`${local.replace(' ', 'T')}+08:00`).toISOString();

/** The bakery chain's tills: sales and returns, read by sequence. */
export class BakeryPosAdapter implements PosAdapter {
  readonly identifier = 'bakery-pos';
  readonly kind = 'pos' as const;
  private readonly http: LegacyHttp;
  private readonly shops: Record<string, string>;

  constructor(options: BakeryPosAdapterOptions) {
    const o = Options.parse(options);
    this.shops = o.shops;
    this.http = createLegacyHttp({
      name: this.identifier,
      baseUrl: o.baseUrl,
      timeoutMs: o.timeoutMs,
      retries: 6,
      breaker: { threshold: 50, halfOpenAfterMs: 100 },
    });
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

  async listSales(cursor: string | null): Promise<Page<NormalisedOrder | NormalisedRefund>> {
    const r = await this.http.request<{ tickets: BakeryTicket[] }>('GET', '/api/v1/tickets', {
      query: { since: cursor ?? '0', limit: 50 },
    });
    const last = r.body.tickets.at(-1);
    return { items: r.body.tickets.map((t) => this.map(t)), nextCursor: last ? String(last.seq) : cursor };
  }

  private map(t: BakeryTicket): NormalisedOrder | NormalisedRefund {
    if (t.kind === 'RETURN')
      return {
        source: this.identifier,
        orderExternalId: t.ref!,
        refundId: t.no,
        amount: fen(t.amount_yuan!),
        refundedAt: instant(t.at),
        reason: 'return at the till',
      };
    return {
      source: this.identifier,
      externalId: t.no,
      channel: 'STORE',
      storeId: this.shops[t.shop] ?? t.shop,
      ...(t.card ? { buyer: { channel: 'STORE' as const, externalId: t.card } } : {}),
      lines: (t.items ?? []).map((i) => ({ sku: i.plu, quantity: i.qty, unitPrice: fen(i.price_yuan) })),
      currency: 'CNY',
      placedAt: instant(t.at),
      status: 'COMPLETED',
    };
  }
}
