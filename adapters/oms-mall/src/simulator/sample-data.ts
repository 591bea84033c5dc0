import type { NormalisedOrder, NormalisedRefund } from '@zhongtai/contracts';
import { seeded } from '@zhongtai/adapter-kit';

const STORES = ['store-sh-001', 'store-sh-002', 'store-bj-001', 'store-gz-001'];
const NAMES = ['王小明', '李娜', '张伟', '刘洋', '陈静', 'Alice Wu'];
const NICKS = ['tb_小猪佩琪', '淘宝用户8812', 'shopping猫', '浅夏微凉', 'tb_lucky88', '云朵上的鱼'];
const REASONS = ['7天无理由退换货', '尺码不合适', '商品质量问题', '少件/漏发'];

/**
 * A deterministic OMS data set in normalised form: mall, app and Taobao orders (PLACED, COMPLETED,
 * CANCELLED; some with a pickup store, phones, names, guest checkouts) and ~1 refund in 6, each on an
 * earlier completed order. Whole seconds, amounts in fen.
 */
export function sampleOmsFeed(count = 150, seed = 1): Array<NormalisedOrder | NormalisedRefund> {
  const rnd = seeded(seed);
  const out: Array<NormalisedOrder | NormalisedRefund> = [];
  const completed: NormalisedOrder[] = [];
  let t = Date.UTC(2024, 2, 1, 1, 0, 0);
  for (let i = 0; out.length < count; i++) {
    t += rnd.int(60, 5400) * 1000;
    const at = new Date(t).toISOString();
    if (completed.length && rnd.next() < 1 / 6) {
      const o = completed.splice(rnd.int(0, completed.length - 1), 1)[0];
      const total = o.lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
      const r: NormalisedRefund = {
        source: o.source,
        orderExternalId: o.externalId,
        refundId: `${o.source === 'taobao' ? '' : 'RF'}${String(160000000000 + i * 7919)}`,
        amount: rnd.next() < 0.5 ? total : Math.max(1, Math.floor(total / rnd.int(2, 5))),
        refundedAt: at,
      };
      if (rnd.next() < 0.7) r.reason = rnd.pick(REASONS);
      out.push(r);
      continue;
    }
    const channel = rnd.pick(['MALL', 'APP', 'TAOBAO'] as const);
    const taobao = channel === 'TAOBAO';
    const o: NormalisedOrder = {
      source: taobao ? 'taobao' : 'oms',
      externalId: taobao
        ? `3${String(rnd.int(1e8, 999999999))}${String(100000000 + i)}`
        : `20240${700000 + i}`,
      channel,
      lines: Array.from({ length: rnd.int(1, 3) }, () => ({
        sku: `SKU-${String(rnd.int(1, 60)).padStart(4, '0')}`,
        quantity: rnd.int(1, 3),
        unitPrice: rnd.pick([990, 1999, 4950, 12800, 29900, 59900, 1]),
      })),
      currency: 'CNY',
      placedAt: at,
      status: rnd.next() < 0.6 ? 'COMPLETED' : rnd.next() < 0.7 ? 'PLACED' : 'CANCELLED',
    };
    if (!taobao && rnd.next() < 0.3) o.storeId = rnd.pick(STORES);
    if (taobao) o.buyer = { channel, externalId: `${rnd.pick(NICKS)}${i}` };
    else if (rnd.next() < 0.9) {
      o.buyer = { channel, externalId: `m_${String(100000 + i)}` };
      if (rnd.next() < 0.7)
        o.buyer.phone = `1${rnd.pick([3, 5, 7, 8, 9])}${String(rnd.int(0, 999999999)).padStart(9, '0')}`;
      if (rnd.next() < 0.6) o.buyer.displayName = rnd.pick(NAMES);
    }
    out.push(o);
    if (o.status === 'COMPLETED') completed.push(o);
  }
  return out;
}
