import type {
  NormalisedMember,
  NormalisedOrder,
  NormalisedPointBalance,
  NormalisedRefund,
  StockLevel,
  WechatEvent,
} from '@zhongtai/contracts';

type WechatEventInput = Omit<WechatEvent, 'messageId'>;
import { SKUS, STORES } from '../seed/catalog.js';
import { pick, rng } from '../seed/random.js';

/**
 * What the demo brand's legacy systems hold, in normalised form (each simulator turns it into its
 * own format): the old CRM's store members with balances, the POS's store sales and returns, the
 * OMS's online and Taobao orders, the WMS's stock, and WeChat follow / QR-scan events. The same
 * customers appear in several systems — a POS card is the CRM number, online accounts share phones
 * with store members — so the member center has identities to link.
 */
export interface LegacyWorldData {
  crm: { members: NormalisedMember[]; balances: NormalisedPointBalance[] };
  pos: Array<NormalisedOrder | NormalisedRefund>;
  oms: Array<NormalisedOrder | NormalisedRefund>;
  stock: StockLevel[];
  wechat: WechatEventInput[];
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军'];
const DAY = 86_400_000;

/** Whole seconds, as the legacy systems keep them. */
const at = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();

export interface LegacyWorldOptions {
  /**
   * The instant the history is dated around. The same `now` and `seed` give the same world, record for
   * record; `npm start` keeps its `now` with the data (`demoWorldClock`), so a restart sends the platform
   * the very requests it already took.
   */
  now?: number;
  seed?: number;
  /** store members in the old CRM (120) */
  members?: number;
  /** store sales in the POS (600; every 20th partly returned) */
  posSales?: number;
  /** online and Taobao orders in the OMS (400; every 25th partly refunded) */
  onlineOrders?: number;
  /** WeChat followers (40) */
  followers?: number;
}

export function legacyWorldData(opts: LegacyWorldOptions = {}): LegacyWorldData {
  const now = opts.now ?? Date.now();
  const r = rng(opts.seed ?? 20260501);
  const phone = (n: number) => `139${String(10_000_000 + n * 7919).slice(-8)}`;
  const name = () => pick(r, SURNAMES) + pick(r, GIVEN) + (r() < 0.5 ? pick(r, GIVEN) : '');

  // store members in the old CRM (120 by default), with balances
  const members: NormalisedMember[] = Array.from({ length: opts.members ?? 120 }, (_, i) => ({
    source: 'crm',
    externalId: `CRM${String(i + 1).padStart(6, '0')}`,
    channel: i % 10 === 9 ? 'MALL' : 'STORE',
    phone: phone(i + 1),
    displayName: name(),
    storeId: STORES[i % STORES.length].id,
    joinedAt: at(now - (400 + Math.floor(r() * 1000)) * DAY),
  }));
  const balances: NormalisedPointBalance[] = members.map((m) => ({
    source: 'crm',
    memberExternalId: m.externalId,
    channel: m.channel,
    balance: Math.floor(r() * 3000),
    asOf: at(now - 2 * DAY),
  }));

  const lines = () =>
    Array.from({ length: 1 + Math.floor(r() * 3) }, () => {
      const sku = pick(r, SKUS);
      return { sku: sku.code, quantity: 1 + Math.floor(r() * 3), unitPrice: sku.price };
    });

  // store sales over 180 days (600 by default), a card scanned for most; every 20th partly returned
  const pos: Array<NormalisedOrder | NormalisedRefund> = [];
  for (let n = 1; n <= (opts.posSales ?? 600); n++) {
    const m = r() < 0.85 ? members[Math.floor(r() * members.length)] : null;
    const store = m?.storeId ?? pick(r, STORES).id;
    const placedAt = at(now - Math.floor(r() * 180 * DAY));
    const sale: NormalisedOrder = {
      source: 'pos',
      externalId: `P${String(n).padStart(7, '0')}`,
      channel: 'STORE',
      storeId: store,
      buyer: m ? { channel: 'STORE', externalId: m.externalId } : undefined,
      lines: lines(),
      currency: 'CNY',
      placedAt,
      status: 'COMPLETED',
    };
    pos.push(sale);
    if (n % 20 === 7) {
      const total = sale.lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
      pos.push({
        source: 'pos',
        orderExternalId: sale.externalId,
        refundId: `RT${String(n).padStart(7, '0')}`,
        amount: Math.max(100, Math.floor(total / 3)),
        refundedAt: at(Date.parse(placedAt) + 2 * DAY),
      });
    }
  }

  // online orders (400 by default): app and mall accounts (a quarter share a phone with a store member) and Taobao buyers
  const oms: Array<NormalisedOrder | NormalisedRefund> = [];
  for (let n = 1; n <= (opts.onlineOrders ?? 400); n++) {
    const kind = r();
    const placedAt = at(now - Math.floor(r() * 180 * DAY));
    const account = 1 + Math.floor(r() * 60);
    const buyer =
      kind < 0.3
        ? { channel: 'TAOBAO' as const, externalId: `tb_buyer_${account}` }
        : {
            channel: (kind < 0.65 ? 'APP' : 'MALL') as 'APP' | 'MALL',
            externalId: `u${String(account).padStart(5, '0')}`,
            phone: account % 4 === 0 ? phone(account) : `137${String(20_000_000 + account * 131).slice(-8)}`,
          };
    const channel = buyer.channel;
    const order: NormalisedOrder = {
      source: channel === 'TAOBAO' ? 'taobao' : 'oms',
      externalId: `${channel === 'TAOBAO' ? 'TB' : 'OM'}${String(n).padStart(8, '0')}`,
      channel,
      buyer,
      lines: lines(),
      currency: 'CNY',
      placedAt,
      status: 'COMPLETED',
    };
    oms.push(order);
    if (n % 25 === 3) {
      const total = order.lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
      oms.push({
        source: order.source,
        orderExternalId: order.externalId,
        refundId: `RF${String(n).padStart(8, '0')}`,
        amount: Math.max(100, Math.floor(total / 2)),
        refundedAt: at(Date.parse(placedAt) + 3 * DAY),
      });
    }
  }

  // stock of every SKU in every store
  const stock: StockLevel[] = SKUS.flatMap((s) =>
    STORES.map((st) => {
      const onHand = 20 + Math.floor(r() * 80);
      return {
        sku: s.code,
        locationId: st.id,
        onHand,
        available: onHand - Math.floor(r() * 10),
        asOf: at(now - 3600_000),
      };
    }),
  );

  // WeChat followers (40 by default), half of them by scanning a store's QR code
  const wechat: WechatEventInput[] = Array.from({ length: opts.followers ?? 40 }, (_, i) => {
    const openId = `oWX${String(i + 1).padStart(6, '0')}demoFollower01`;
    const occurredAt = at(now - Math.floor(r() * 90 * DAY));
    const storeId = i % 2 ? pick(r, STORES).id : undefined;
    return { kind: storeId ? 'SCAN' : 'FOLLOW', openId, storeId, occurredAt };
  });

  return { crm: { members, balances }, pos, oms, stock, wechat };
}
