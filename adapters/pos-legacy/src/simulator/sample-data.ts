import type { NormalisedOrder, NormalisedRefund } from '@zhongtai/contracts';
import { POS_CURRENCY, POS_SOURCE } from '../mapping.js';
import { seededRandom } from '@zhongtai/adapter-kit';

const REASONS = ['尺码不合适', '质量问题', '不想要了'];

/**
 * A deterministic POS feed in normalised form (for tests and demos): sales over a few stores,
 * about two in three with a member card scanned, and returns of some of them (some partial, some
 * without a reason), each after its sale.
 */
export function samplePosFeed(
  opts: {
    sales?: number;
    returns?: number;
    seed?: number;
    storeIds?: string[];
    cards?: string[];
    from?: string;
  } = {},
): Array<NormalisedOrder | NormalisedRefund> {
  const rnd = seededRandom(opts.seed ?? 7);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]) => xs[int(xs.length)];
  const stores = opts.storeIds ?? ['store-sh-001', 'store-sh-002', 'store-bj-001', 'store-gz-001'];
  const cards =
    opts.cards ?? Array.from({ length: 40 }, (_, i) => `62270012${String(i * 7919).padStart(8, '0')}`);
  let t = Date.parse(opts.from ?? '2024-03-01T01:00:00Z');
  const sales: NormalisedOrder[] = [];
  for (let i = 1; i <= (opts.sales ?? 130); i++) {
    t += (1 + int(90)) * 60_000 + int(60) * 1000;
    const storeId = pick(stores);
    const order: NormalisedOrder = {
      source: POS_SOURCE,
      externalId: `${storeId.slice(-6).toUpperCase()}-${String(i).padStart(6, '0')}`,
      channel: 'STORE',
      storeId,
      lines: Array.from({ length: 1 + int(3) }, () => ({
        sku: `SKU-${String(1 + int(60)).padStart(4, '0')}`,
        quantity: 1 + int(3),
        unitPrice: pick([990, 1999, 2990, 12990, 4550, 19999, 5]),
      })),
      currency: POS_CURRENCY,
      placedAt: new Date(t).toISOString(),
      status: 'COMPLETED',
    };
    if (rnd() < 0.65) order.buyer = { channel: 'STORE', externalId: pick(cards) };
    sales.push(order);
  }
  const refunds: NormalisedRefund[] = [];
  const returned = new Set<number>();
  while (refunds.length < Math.min(opts.returns ?? 20, sales.length)) {
    const i = int(sales.length);
    if (returned.has(i)) continue;
    returned.add(i);
    const o = sales[i];
    const total = o.lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
    const refund: NormalisedRefund = {
      source: POS_SOURCE,
      orderExternalId: o.externalId,
      refundId: `${o.externalId}-R`,
      amount: rnd() < 0.5 ? total : o.lines[0].unitPrice,
      refundedAt: new Date(Date.parse(o.placedAt) + (1 + int(72)) * 3600_000).toISOString(),
    };
    if (rnd() < 0.7) refund.reason = pick(REASONS);
    refunds.push(refund);
  }
  return [...sales, ...refunds];
}
