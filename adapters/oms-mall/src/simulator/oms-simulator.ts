import {
  Simulator,
  type SimRequest,
  type SimResponse,
  deliverWebhooks,
  signWebhook,
} from '@zhongtai/adapter-kit';
import type { NormalisedOrder, NormalisedRefund } from '@zhongtai/contracts';
import { type FeedRecord, type TopRefund, feedKey, feedModified } from '../legacy.js';
import { PENDING_REFUND_STATUSES } from '../mapping.js';
import { topSign } from '../top-sign.js';
import { seeded } from '@zhongtai/adapter-kit';
import { fenToYuan, isoFromCst, isoToCst, toTopRefund, toTopTrade } from './to-legacy.js';

export type OmsFeedItem = NormalisedOrder | NormalisedRefund;

export interface OmsMallSimulatorOptions {
  seed?: number;
  /** TOP credentials the simulator accepts (defaults: zt-oms-demo / oms-demo-secret) */
  appKey?: string;
  appSecret?: string;
  /** HMAC secret of the webhooks it pushes (default oms-webhook-demo-secret) */
  webhookSecret?: string;
  /** refunds still in progress or closed, mixed into the feed: not refunds yet, the adapter skips them */
  pendingRefunds?: number;
}

const after = (a: FeedRecord, mod: string, key: string) =>
  feedModified(a) > mod || (feedModified(a) === mod && feedKey(a) > key);
const topError = (code: number, msg: string, sub_code?: string): SimResponse => ({
  body: { error_response: { code, msg, ...(sub_code ? { sub_code } : {}) } },
});

/** The OMS's data: feed rows in update order, and the normalised record each final row stands for. */
class OmsState {
  rows: FeedRecord[] = [];
  readonly normalised = new Map<string, OmsFeedItem>();
  readonly rnd: ReturnType<typeof seeded>;

  constructor(
    data: OmsFeedItem[],
    readonly opts: Required<OmsMallSimulatorOptions>,
  ) {
    this.rnd = seeded(opts.seed);
    this.put(data);
    this.addPending(opts.pendingRefunds);
  }

  put(items: OmsFeedItem[], modified?: (i: number) => string): void {
    items.forEach((item, i) => {
      let row: FeedRecord;
      if ('refundId' in item) {
        const trade = this.rows.find(
          (r) => r.biz_type === 'TRADE' && r.trade.tid_str === item.orderExternalId,
        );
        const platform =
          trade?.biz_type === 'TRADE' ? trade.trade.platform : item.source === 'taobao' ? 'TAOBAO' : 'MALL';
        row = { biz_type: 'REFUND', refund: toTopRefund(item, platform, this.rnd) };
      } else row = { biz_type: 'TRADE', trade: toTopTrade(item, this.rnd) };
      if (modified) (row.biz_type === 'TRADE' ? row.trade : row.refund).modified = modified(i);
      const key = feedKey(row);
      this.rows = this.rows.filter((r) => feedKey(r) !== key);
      this.rows.push(row);
      this.normalised.set(key, item);
    });
    this.sort();
  }

  private addPending(n: number): void {
    const trades = this.rows.filter((r) => r.biz_type === 'TRADE');
    for (let i = 0; i < n && trades.length; i++) {
      const t = this.rnd.pick(trades);
      if (t.biz_type !== 'TRADE') continue;
      const refund: TopRefund = {
        refund_id: `PR${String(i + 1).padStart(8, '0')}`,
        ...(t.trade.tid !== undefined ? { tid: t.trade.tid } : {}),
        tid_str: t.trade.tid_str,
        platform: t.trade.platform,
        status: this.rnd.pick(PENDING_REFUND_STATUSES),
        refund_fee: fenToYuan(this.rnd.int(100, 5000)),
        reason: '不想要了',
        created: t.trade.modified,
        modified: isoToCst(isoFromCst(t.trade.modified), this.rnd.int(60, 86400)),
      };
      this.rows.push({ biz_type: 'REFUND', refund });
    }
    this.sort();
  }

  private sort(): void {
    const k = (r: FeedRecord) => [feedModified(r), feedKey(r)] as const;
    this.rows.sort((a, b) => {
      const [am, ak] = k(a);
      const [bm, bk] = k(b);
      return am < bm ? -1 : am > bm ? 1 : ak < bk ? -1 : ak > bk ? 1 : 0;
    });
  }

  handle(req: SimRequest): SimResponse {
    if (req.path !== '/router/rest') return { status: 404, body: { error: 'not found' } };
    const p: Record<string, string> = Object.fromEntries(req.query);
    if (req.method === 'POST') Object.assign(p, Object.fromEntries(new URLSearchParams(req.body)));
    if (p.app_key !== this.opts.appKey) return topError(29, 'Invalid app Key', 'isv.appkey-not-exists');
    if (p.sign_method !== 'md5' || p.sign !== topSign(p, this.opts.appSecret))
      return topError(25, 'Invalid signature');
    if (p.method === 'zt.time.get') return { body: { time_get_response: { time: isoToCst(nowSec()) } } };
    if (p.method !== 'zt.oms.increment.get') return topError(22, 'Invalid method');
    const size = Number(p.page_size ?? 40);
    if (!Number.isInteger(size) || size < 1 || size > 100)
      return topError(41, 'Invalid arguments:page_size', 'isv.invalid-parameter:page_size');
    const mod = p.start_modified ?? '';
    const rest = this.rows.filter((r) => after(r, mod, p.start_key ?? ''));
    const page = rest.slice(0, size);
    return {
      body: {
        oms_increment_get_response: {
          total_results: rest.length,
          has_next: rest.length > size,
          ...(page.length ? { records: { record: page } } : {}),
        },
      },
    };
  }
}

const nowSec = () => new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();

/**
 * The mall OMS: a TOP-style API (`GET /router/rest?method=…&app_key=…&sign=…`) with the incremental
 * feed `zt.oms.increment.get`, and the webhooks it pushes (signed with the kit's `signWebhook`).
 */
export class OmsMallSimulator extends Simulator {
  constructor(private readonly state: OmsState) {
    super('oms-mall', (req) => state.handle(req), { seed: state.opts.seed });
  }

  get appKey(): string {
    return this.state.opts.appKey;
  }
  get appSecret(): string {
    return this.state.opts.appSecret;
  }
  get webhookSecret(): string {
    return this.state.opts.webhookSecret;
  }

  /** The feed rows as the OMS holds them, in feed order (pending refunds included). */
  records(): FeedRecord[] {
    return structuredClone(this.state.rows);
  }

  /** Adds or updates records (an update moves the row to the end of the feed): `modified` defaults to a second after the newest row. */
  add(items: OmsFeedItem[], modifiedAt?: string): void {
    const last = this.state.rows.at(-1);
    const base = modifiedAt ?? (last ? isoFromCst(feedModified(last)) : nowSec());
    this.state.put(items, (i) => isoToCst(base, modifiedAt ? i : i + 1));
  }

  /** Every final record as a webhook body (what the OMS pushes), with the record it stands for. */
  webhookDeliveries(): Array<{ body: string; expected: OmsFeedItem }> {
    return this.state.rows.flatMap((r) => {
      const expected = this.state.normalised.get(feedKey(r));
      return expected ? [{ body: JSON.stringify(r), expected }] : [];
    });
  }

  /** One delivery, signed now. */
  signedWebhook(i = 0): { headers: Record<string, string>; body: string; expected: OmsFeedItem } {
    const d = this.webhookDeliveries()[i];
    return { headers: signWebhook(this.webhookSecret, d.body), ...d };
  }

  /** Pushes every final record to `url` like the OMS does: some twice, shuffled, retried. Returns the POSTs. */
  pushWebhooks(
    url: string,
    opts: { duplicateRate?: number; shuffle?: boolean; seed?: number; retries?: number } = {},
  ): Promise<number> {
    const bodies = this.webhookDeliveries().map((d) => d.body);
    return deliverWebhooks(url, bodies, { secret: this.webhookSecret, ...opts });
  }
}

/** Starts nothing: call `start()` (port 0 by default). `data` is what the OMS holds, in normalised form. */
export function createOmsMallSimulator(
  data: OmsFeedItem[],
  opts: OmsMallSimulatorOptions = {},
): OmsMallSimulator {
  return new OmsMallSimulator(
    new OmsState(data, {
      seed: opts.seed ?? 42,
      appKey: opts.appKey ?? 'zt-oms-demo',
      appSecret: opts.appSecret ?? 'oms-demo-secret',
      webhookSecret: opts.webhookSecret ?? 'oms-webhook-demo-secret',
      pendingRefunds: opts.pendingRefunds ?? 0,
    }),
  );
}
