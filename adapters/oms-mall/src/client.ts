import {
  AdapterError,
  type LegacyHttp,
  type LegacyHttpOptions,
  createLegacyHttp,
  verifyWebhook,
} from '@zhongtai/adapter-kit';
import {
  type AdapterHealth,
  DomainError,
  ErrorCode,
  type NormalisedOrder,
  type NormalisedRefund,
  type OmsAdapter,
  type Page,
  badInput,
} from '@zhongtai/contracts';
import { z } from 'zod';
import {
  type FeedRecord,
  type IncrementGetResponse,
  type TopError,
  feedKey,
  feedModified,
} from './legacy.js';
import { mapFeedRecord } from './mapping.js';
import { topSign } from './top-sign.js';

const OptionsSchema = z.object({
  /** where the OMS's TOP-style gateway answers (`…/router/rest`) */
  baseUrl: z.url(),
  appKey: z.string().min(1),
  appSecret: z.string().min(1),
  /** HMAC secret the OMS signs its webhooks with */
  webhookSecret: z.string().min(8),
  /** rows asked per call (the OMS allows 1..100) */
  pageSize: z.number().int().min(1).max(100).default(50),
  /** calls per `listOrders` when whole pages are refunds still in progress (skipped) */
  maxSkipPages: z.number().int().min(1).max(100).default(10),
  timeoutMs: z.number().int().positive().default(3000),
  retries: z.number().int().min(0).max(10).default(5),
  /** the health probe's own timeout (it retries once) */
  healthTimeoutMs: z.number().int().positive().default(2000),
  /** accepted clock skew / replay window of webhooks */
  webhookToleranceSec: z.number().int().positive().default(300),
  registry: z
    .custom<NonNullable<LegacyHttpOptions['registry']>>((v) => typeof v === 'object' && v !== null)
    .optional(),
});

export type OmsMallOptions = z.input<typeof OptionsSchema>;

interface Position {
  modified: string;
  key: string;
}

/** Opaque cursor: base64url of "modified|key" (the feed position of the last row read). */
export function encodeCursor(p: Position): string {
  return Buffer.from(`${p.modified}|${p.key}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): Position {
  const m = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})\|((?:TRADE|REFUND):.+)$/.exec(
    Buffer.from(cursor, 'base64url').toString('utf8'),
  );
  if (!m) throw new AdapterError('oms-mall', `malformed cursor ${JSON.stringify(cursor)}`, false);
  return { modified: m[1], key: m[2] };
}

const cstNow = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

/**
 * The mall/app OMS (which also relays Taobao trades) as an `OmsAdapter`: the incremental feed of
 * trades and refunds by update time, and the webhooks it pushes. Mall and app orders come out as
 * source `oms`, Taobao trades as source `taobao`.
 */
export class OmsMallAdapter implements OmsAdapter {
  readonly identifier = 'oms-mall';
  readonly kind = 'oms' as const;
  private readonly opts: z.output<typeof OptionsSchema>;
  private readonly http: LegacyHttp;
  private readonly probe: LegacyHttp;

  constructor(options: OmsMallOptions) {
    const parsed = OptionsSchema.safeParse(options);
    if (!parsed.success) throw new Error(`oms-mall: invalid options: ${z.prettifyError(parsed.error)}`);
    this.opts = parsed.data;
    const base = { name: this.identifier, baseUrl: this.opts.baseUrl, registry: this.opts.registry };
    this.http = createLegacyHttp({ ...base, timeoutMs: this.opts.timeoutMs, retries: this.opts.retries });
    // the health probe answers fast (one retry) and does not share the feed's circuit breaker
    this.probe = createLegacyHttp({ ...base, timeoutMs: this.opts.healthTimeoutMs, retries: 1 });
  }

  async init(): Promise<void> {}

  async destroy(): Promise<void> {}

  async healthCheck(): Promise<AdapterHealth> {
    const started = Date.now();
    try {
      await this.call(this.probe, 'zt.time.get', {});
      return { ok: true, latencyMs: Date.now() - started };
    } catch (error) {
      return { ok: false, detail: (error as Error).message, latencyMs: Date.now() - started };
    }
  }

  /**
   * Rows after `cursor` in update order. Refunds still in progress are skipped (they come again when
   * they change); `nextCursor` is the position of the last row read, or `cursor` when there is nothing newer.
   */
  async listOrders(cursor: string | null): Promise<Page<NormalisedOrder | NormalisedRefund>> {
    let pos = cursor === null ? null : decodeCursor(cursor);
    let next = cursor;
    for (let calls = 0; calls < this.opts.maxSkipPages; calls++) {
      const res = await this.call<IncrementGetResponse['oms_increment_get_response']>(
        this.http,
        'zt.oms.increment.get',
        {
          page_size: String(this.opts.pageSize),
          ...(pos ? { start_modified: pos.modified, start_key: pos.key } : {}),
        },
      );
      const rows = res.records?.record ?? [];
      if (!rows.length) break;
      const items = rows.flatMap((r) => this.map(r) ?? []);
      const last = rows[rows.length - 1];
      pos = { modified: feedModified(last), key: feedKey(last) };
      next = encodeCursor(pos);
      if (items.length) return { items, nextCursor: next };
    }
    return { items: [], nextCursor: next };
  }

  /**
   * Verifies the HMAC signature (kit `verifyWebhook`), then maps the one trade or refund in the body.
   * No nonce check: the HMAC covers timestamp and body, so a replay inside the window can only repeat
   * this exact delivery — which is what the OMS's own retries look like, and which the platform makes
   * a no-op: orders are deduplicated by (source, external id) and their status only moves forward
   * (PLACED → COMPLETED / CANCELLED), refunds by refund id with the same amount, and refunds still in
   * progress are ignored.
   */
  parseWebhook(headers: Record<string, string>, body: string): NormalisedOrder | NormalisedRefund {
    const h = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    verifyWebhook(this.opts.webhookSecret, h, body, { toleranceSec: this.opts.webhookToleranceSec });
    let record: FeedRecord;
    try {
      record = JSON.parse(body) as FeedRecord;
    } catch {
      throw badInput('oms-mall webhook: body is not JSON');
    }
    const mapped = mapFeedRecord(record);
    if (!mapped)
      throw new DomainError(
        ErrorCode.BAD_USER_INPUT,
        `oms-mall webhook: refund not final, nothing to ingest`,
        {
          ignorable: true,
          key: feedKey(record),
        },
      );
    return mapped;
  }

  private map(r: FeedRecord): NormalisedOrder | NormalisedRefund | null {
    try {
      return mapFeedRecord(r);
    } catch (error) {
      const key = (() => {
        try {
          return feedKey(r);
        } catch {
          return '?';
        }
      })();
      throw new AdapterError(this.identifier, `cannot map ${key}: ${(error as Error).message}`, false);
    }
  }

  /** One TOP call: signed parameters, the `<method>_response` envelope, `error_response` as an error. */
  private async call<T>(http: LegacyHttp, method: string, params: Record<string, string>): Promise<T> {
    const q: Record<string, string> = {
      method,
      app_key: this.opts.appKey,
      timestamp: cstNow(),
      format: 'json',
      v: '2.0',
      sign_method: 'md5',
      ...params,
    };
    q.sign = topSign(q, this.opts.appSecret);
    const res = await http.request<Record<string, unknown>>('GET', '/router/rest', { query: q });
    const err = (res.body as Partial<TopError> | null)?.error_response;
    if (err) {
      // TOP: isp.* is the platform's own trouble (try again), isv.* is ours (fix the request)
      const retryable = /^isp\./.test(err.sub_code ?? '') || err.code === 7;
      throw new AdapterError(
        this.identifier,
        `${method}: ${err.code} ${err.msg} ${err.sub_code ?? ''}`.trim(),
        retryable,
      );
    }
    const envelope = `${method.split('.').slice(1).join('_')}_response`;
    const out = res.body?.[envelope];
    if (!out || typeof out !== 'object')
      throw new AdapterError(this.identifier, `${method}: no ${envelope}`, true);
    return out as T;
  }
}

export function createOmsMallAdapter(options: OmsMallOptions): OmsMallAdapter {
  return new OmsMallAdapter(options);
}
