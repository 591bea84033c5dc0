import type { NormalisedOrder, NormalisedRefund } from '@zhongtai/contracts';
import type { TopRefund, TopTrade } from '../legacy.js';
import type { seeded } from '@zhongtai/adapter-kit';

type Rnd = ReturnType<typeof seeded>;

/** 1250 → "12.50" */
export function fenToYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new Error(`not an amount in fen: ${fen}`);
  const a = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** ISO UTC (whole seconds) → "yyyy-MM-dd HH:mm:ss" China time; `plusSec` shifts it. */
export function isoToCst(iso: string, plusSec = 0): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t) || t % 1000 !== 0) throw new Error(`the OMS keeps whole seconds: ${iso}`);
  return new Date(t + plusSec * 1000 + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** "yyyy-MM-dd HH:mm:ss" China time → ISO UTC (the simulator's own inverse; the adapter uses `cstToIso`). */
export const isoFromCst = (cst: string): string => new Date(`${cst.replace(' ', 'T')}+08:00`).toISOString();

const NAMES = ['王芳', '李娜', '张伟', '刘洋', '陈静', '杨磊', '赵敏', '黄勇'];
const TITLES = ['保湿面霜 50ml', '纯棉T恤 白色 L', '有机燕麦 1kg', '蓝牙耳机', '运动袜三双装'];

/** 13812345678 written the way customers type it into the mall. */
function typedMobile(phone: string, rnd: Rnd): string {
  return rnd.pick([
    phone,
    `+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`,
    `${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`,
    `0086${phone}`,
  ]);
}

function platformOf(o: { source: string; channel: string }): string {
  if (o.source === 'taobao' && o.channel === 'TAOBAO') return 'TAOBAO';
  if (o.source === 'oms' && (o.channel === 'MALL' || o.channel === 'APP')) return o.channel;
  throw new Error(`the OMS holds no ${o.source}/${o.channel} orders (oms/MALL, oms/APP, taobao/TAOBAO)`);
}

const numericId = (id: string) => (/^\d{1,20}$/.test(id) ? { tid: Number(id) } : {});

/** The inverse of `mapTrade`: how the OMS stores a normalised order. */
export function toTopTrade(o: NormalisedOrder, rnd: Rnd): TopTrade {
  const platform = platformOf(o);
  if (o.currency !== 'CNY') throw new Error(`the OMS only knows CNY, not ${o.currency}`);
  const taobao = platform === 'TAOBAO';
  const b = o.buyer;
  if (b && (b.channel !== o.channel || b.storeId))
    throw new Error(`order ${o.externalId}: the OMS knows the buyer only by the order's own channel`);
  if (taobao && b && (b.phone || b.displayName))
    throw new Error(`order ${o.externalId}: Taobao masks buyers' phones and names`);
  let total = 0;
  const order = o.lines.map((l, i) => {
    if (!Number.isSafeInteger(l.quantity) || l.quantity <= 0 || !Number.isSafeInteger(l.unitPrice))
      throw new Error(`order ${o.externalId}: bad line ${JSON.stringify(l)}`);
    total += l.quantity * l.unitPrice;
    const oid = `${o.externalId}${String(i + 1).padStart(2, '0')}`;
    return {
      ...(/^\d+$/.test(oid) ? { oid: Number(oid) } : {}),
      oid_str: oid,
      outer_iid: rnd.next() < 0.15 ? `${l.sku}   ` : l.sku, // fixed-width export padding
      title: rnd.pick(TITLES),
      num: rnd.next() < 0.2 ? String(l.quantity) : l.quantity,
      price: fenToYuan(l.unitPrice),
      total_fee: fenToYuan(l.unitPrice * l.quantity),
    };
  });
  const status = {
    PLACED: rnd.pick(['WAIT_SELLER_SEND_GOODS', 'WAIT_BUYER_CONFIRM_GOODS', 'SELLER_CONSIGNED_PART']),
    COMPLETED: 'TRADE_FINISHED',
    CANCELLED: taobao ? rnd.pick(['TRADE_CLOSED', 'TRADE_CLOSED_BY_TAOBAO']) : 'TRADE_CLOSED',
  }[o.status];
  if (!status) throw new Error(`order ${o.externalId}: unknown status ${o.status}`);
  const after = {
    PLACED: rnd.int(0, 1800),
    COMPLETED: rnd.int(3, 10) * 86400,
    CANCELLED: rnd.int(900, 172800),
  };
  const phone = `1${rnd.int(3, 9)}${String(rnd.int(0, 999999999)).padStart(9, '0')}`;
  return {
    ...numericId(o.externalId),
    tid_str: o.externalId,
    platform,
    status,
    buyer_nick: b?.externalId ?? '',
    ...(taobao
      ? { receiver_name: rnd.pick(NAMES), receiver_mobile: `${phone.slice(0, 3)}****${phone.slice(7)}` }
      : {
          ...(b?.displayName ? { receiver_name: b.displayName } : {}),
          ...(b?.phone ? { receiver_mobile: typedMobile(b.phone, rnd) } : {}),
        }),
    ...(o.storeId ? { o2o_shop_id: o.storeId } : {}),
    payment: fenToYuan(total),
    created: isoToCst(o.placedAt),
    modified: isoToCst(o.placedAt, after[o.status]),
    orders: { order },
  };
}

/** The inverse of `mapRefund` for a refund that went through; `platform` comes from its trade. */
export function toTopRefund(r: NormalisedRefund, platform: string, rnd: Rnd): TopRefund {
  if (!Number.isSafeInteger(r.amount) || r.amount <= 0) throw new Error(`refund ${r.refundId}: bad amount`);
  platformOf({ source: r.source, channel: platform });
  return {
    refund_id: r.refundId,
    ...numericId(r.orderExternalId),
    tid_str: r.orderExternalId,
    platform,
    status: 'SUCCESS',
    refund_fee: fenToYuan(r.amount),
    reason: r.reason ?? '',
    created: isoToCst(r.refundedAt, -rnd.int(3600, 172800)),
    modified: isoToCst(r.refundedAt),
    success_time: isoToCst(r.refundedAt),
  };
}
