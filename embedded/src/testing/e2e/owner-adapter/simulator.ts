import { Simulator } from '@zhongtai/adapter-kit';
import type { NormalisedOrder, NormalisedRefund } from '@zhongtai/contracts';

/**
 * The bakery chain's till system, as its owner knows it: tickets numbered by a sequence, shops by their own
 * codes, prices in yuan as text, local (Shanghai) times without a zone; a return is a ticket that names the
 * sale it refunds.
 *   GET /health
 *   GET /api/v1/tickets?since=<seq>&limit=<n ≤ 100>   → { tickets: [...], more }
 */
export interface BakeryTicket {
  seq: number;
  no: string;
  shop: string;
  card: string | null;
  /** `YYYY-MM-DD HH:mm:ss`, Shanghai time */
  at: string;
  kind: 'SALE' | 'RETURN';
  items?: Array<{ plu: string; qty: number; price_yuan: string }>;
  /** a return: the sale's ticket number and the amount given back */
  ref?: string;
  amount_yuan?: string;
}

export const SAMPLE_TICKETS: BakeryTicket[] = [
  {
    seq: 101,
    no: 'BK-0001',
    shop: 'SH01',
    card: 'VIP-88',
    at: '2026-11-01 10:30:00',
    kind: 'SALE',
    items: [{ plu: 'SKU-0007', qty: 2, price_yuan: '12.50' }],
  },
  {
    seq: 102,
    no: 'BK-0002',
    shop: 'SH02',
    card: null,
    at: '2026-11-01 23:05:10',
    kind: 'SALE',
    items: [{ plu: 'SKU-0008', qty: 1, price_yuan: '8' }],
  },
  {
    seq: 105,
    no: 'BK-0003',
    shop: 'SH01',
    card: 'VIP-88',
    at: '2026-11-02 09:00:00',
    kind: 'RETURN',
    ref: 'BK-0001',
    amount_yuan: '12.50',
  },
];

/** what the adapter must make of SAMPLE_TICKETS (the conformance suite's fixture) */
export const SAMPLE_FEED: Array<NormalisedOrder | NormalisedRefund> = [
  {
    source: 'bakery-pos',
    externalId: 'BK-0001',
    channel: 'STORE',
    storeId: 'store-sh-001',
    buyer: { channel: 'STORE', externalId: 'VIP-88' },
    lines: [{ sku: 'SKU-0007', quantity: 2, unitPrice: 1250 }],
    currency: 'CNY',
    placedAt: '2026-11-01T02:30:00.000Z',
    status: 'COMPLETED',
  },
  {
    source: 'bakery-pos',
    externalId: 'BK-0002',
    channel: 'STORE',
    storeId: 'store-sh-002',
    lines: [{ sku: 'SKU-0008', quantity: 1, unitPrice: 800 }],
    currency: 'CNY',
    placedAt: '2026-11-01T15:05:10.000Z',
    status: 'COMPLETED',
  },
  {
    source: 'bakery-pos',
    orderExternalId: 'BK-0001',
    refundId: 'BK-0003',
    amount: 1250,
    refundedAt: '2026-11-02T01:00:00.000Z',
    reason: 'return at the till',
  },
];

export function createBakeryPosSimulator(tickets: BakeryTicket[] = SAMPLE_TICKETS): Simulator {
  return new Simulator('bakery-pos', (req) => {
    if (req.path === '/health') return { body: { ok: true } };
    if (req.path !== '/api/v1/tickets') return { status: 404, body: { error: 'not found' } };
    const since = Number(req.query.get('since') ?? 0);
    const limit = Math.min(Number(req.query.get('limit') ?? 50), 100);
    const after = tickets.filter((t) => t.seq > since).sort((a, b) => a.seq - b.seq);
    return { body: { tickets: after.slice(0, limit), more: after.length > limit } };
  });
}
