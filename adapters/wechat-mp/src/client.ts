import {
  AdapterError,
  type LegacyHttp,
  type LegacyHttpOptions,
  MemoryNonceStore,
  type NonceStore,
  type WebhookReceiver,
  createLegacyHttp,
  refuseReplay,
} from '@zhongtai/adapter-kit';
import {
  type AdapterHealth,
  DomainError,
  ErrorCode,
  type WechatAdapter,
  type WechatEvent,
  badInput,
} from '@zhongtai/contracts';
import { z } from 'zod';
import { sameHex, wechatDecrypt, wechatSignature } from './crypto.js';
import { mapWechatEvent } from './mapping.js';
import { parseWechatXml } from './xml.js';

const OptionsSchema = z.object({
  /** the WeChat API (or its simulator): only `GET /cgi-bin/token` is used, by the health check */
  baseUrl: z.url().default('https://api.weixin.qq.com'),
  appId: z.string().regex(/^wx[0-9a-f]{16}$/, 'an AppID looks like wx + 16 hex digits'),
  appSecret: z.string().min(1),
  /** the Token configured for the server URL (3–32 letters and digits) */
  token: z.string().regex(/^[A-Za-z0-9]{3,32}$/, 'WeChat tokens are 3–32 letters and digits'),
  /** set for secure mode (安全模式): bodies are AES-encrypted and signed with msg_signature */
  encodingAesKey: z
    .string()
    .regex(/^[A-Za-z0-9]{43}$/, 'an EncodingAESKey is 43 letters and digits')
    .optional(),
  /** accepted clock skew / replay window of `timestamp` */
  toleranceSec: z.number().int().positive().default(300),
  /** where the (timestamp, nonce) pairs of accepted pushes are remembered; default: in this process */
  nonces: z.custom<NonceStore>((v) => typeof (v as NonceStore | null)?.seen === 'function').optional(),
  /** the clock (epoch ms) the window is checked against; tests inject one */
  now: z.custom<() => number>((v) => typeof v === 'function').optional(),
  timeoutMs: z.number().int().positive().default(2000),
  retries: z.number().int().min(0).max(10).default(2),
  registry: z
    .custom<NonNullable<LegacyHttpOptions['registry']>>((v) => typeof v === 'object' && v !== null)
    .optional(),
});

export type WechatMpOptions = z.input<typeof OptionsSchema>;

const unauthenticated = (message: string) => new DomainError(ErrorCode.UNAUTHENTICATED, `wechat: ${message}`);
const lowerKeys = (headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));

/**
 * A WeChat service account as a `WechatAdapter`: follow, unfollow and QR-scan events pushed as XML.
 * The host's route copies the query parameters `signature`, `timestamp`, `nonce` (and, in secure
 * mode, `msg_signature`) into the headers `x-wx-signature`, `x-wx-timestamp`, `x-wx-nonce`,
 * `x-wx-msg-signature`, and answers `success` once the event is handled. Hosts call `receiveWebhook`,
 * which also refuses a replayed (timestamp, nonce).
 */
export class WechatMpAdapter implements WechatAdapter, WebhookReceiver<WechatEvent> {
  readonly identifier = 'wechat-mp';
  readonly kind = 'wechat' as const;
  private readonly opts: z.output<typeof OptionsSchema>;
  private readonly http: LegacyHttp;
  private readonly nonces: NonceStore;
  private readonly now: () => number;

  constructor(options: WechatMpOptions) {
    const parsed = OptionsSchema.safeParse(options);
    if (!parsed.success) throw new Error(`wechat-mp: invalid options: ${z.prettifyError(parsed.error)}`);
    this.opts = parsed.data;
    this.now = this.opts.now ?? Date.now;
    this.nonces = this.opts.nonces ?? new MemoryNonceStore({ now: this.now });
    this.http = createLegacyHttp({
      name: this.identifier,
      baseUrl: this.opts.baseUrl,
      timeoutMs: this.opts.timeoutMs,
      retries: this.opts.retries,
      registry: this.opts.registry,
    });
  }

  async init(): Promise<void> {}

  async destroy(): Promise<void> {}

  /** Asks for an access token: the account's credentials work and WeChat answers. */
  async healthCheck(): Promise<AdapterHealth> {
    const started = Date.now();
    try {
      const res = await this.http.request<{ access_token?: string; errcode?: number; errmsg?: string }>(
        'GET',
        '/cgi-bin/token',
        { query: { grant_type: 'client_credential', appid: this.opts.appId, secret: this.opts.appSecret } },
      );
      if (!res.body?.access_token)
        throw new AdapterError(this.identifier, `errcode ${res.body?.errcode}: ${res.body?.errmsg}`, false);
      return { ok: true, latencyMs: Date.now() - started };
    } catch (error) {
      return { ok: false, detail: (error as Error).message, latencyMs: Date.now() - started };
    }
  }

  /**
   * The server-URL check WeChat makes when the URL is configured (GET with `echostr`): answer the
   * returned `echostr` when the signature is right. No replay check: a replay only learns the echostr
   * it sent.
   */
  verifyEndpoint(q: { signature?: string; timestamp?: string; nonce?: string; echostr?: string }): string {
    this.checkSignature(q.signature, q.timestamp, q.nonce);
    return q.echostr ?? '';
  }

  /**
   * `parseWebhook`, then refuses (UNAUTHENTICATED) a push whose (timestamp, nonce) was accepted before.
   * Plain mode signs no body, so a captured signature would otherwise carry any event for the whole
   * window; in secure mode it is defence in depth. WeChat's retries are checked like any push.
   */
  async receiveWebhook(headers: Record<string, string>, body: string): Promise<WechatEvent> {
    const event = this.parseWebhook(headers, body);
    const h = lowerKeys(headers);
    const timestamp = h['x-wx-timestamp']!;
    await refuseReplay(this.nonces, `${this.identifier}:${this.opts.appId}:${timestamp}:${h['x-wx-nonce']}`, {
      timestampSec: Number(timestamp),
      toleranceSec: this.opts.toleranceSec,
      nowMs: this.now(),
    });
    return event;
  }

  /**
   * The port's synchronous check: signature, window, (secure mode) decryption, mapping. It does not
   * refuse replays, which needs the (possibly remote) nonce store: receivers call `receiveWebhook`.
   */
  parseWebhook(headers: Record<string, string>, body: string): WechatEvent {
    const h = lowerKeys(headers);
    const timestamp = h['x-wx-timestamp'];
    const nonce = h['x-wx-nonce'];
    this.checkSignature(h['x-wx-signature'], timestamp, nonce);
    const outer = parseWechatXml(body);
    if (outer.Encrypt === undefined) {
      if (this.opts.encodingAesKey)
        throw unauthenticated('plain message, but the account is in secure mode (sign)');
      return mapWechatEvent(outer);
    }
    const key = this.opts.encodingAesKey;
    if (!key) throw badInput('wechat: encrypted message, but no encodingAesKey is configured');
    const msgSignature = h['x-wx-msg-signature'] ?? '';
    if (!sameHex(msgSignature, wechatSignature(this.opts.token, timestamp!, nonce!, outer.Encrypt)))
      throw unauthenticated('msg_signature does not match');
    let inner: { xml: string; appId: string };
    try {
      inner = wechatDecrypt(key, outer.Encrypt);
    } catch (error) {
      throw unauthenticated(`signed message cannot be decrypted (${(error as Error).message})`);
    }
    if (inner.appId !== this.opts.appId) throw unauthenticated('message was signed for another AppID');
    const fields = parseWechatXml(inner.xml);
    // what sits next to Encrypt is not signed: it must say what the signed message says
    for (const [k, v] of Object.entries(outer))
      if (k !== 'Encrypt' && fields[k] !== v) throw unauthenticated(`${k} differs from the signed message`);
    return mapWechatEvent(fields);
  }

  private checkSignature(signature?: string, timestamp?: string, nonce?: string): void {
    if (!signature || !timestamp || !nonce)
      throw unauthenticated('push is not signed (signature, timestamp, nonce)');
    if (!sameHex(signature, wechatSignature(this.opts.token, timestamp, nonce)))
      throw unauthenticated('signature does not match');
    const ts = Number(timestamp);
    if (!Number.isFinite(ts) || Math.abs(this.now() / 1000 - ts) > this.opts.toleranceSec)
      throw unauthenticated('signature timestamp outside the allowed window');
  }
}

export function createWechatMpAdapter(options: WechatMpOptions): WechatMpAdapter {
  return new WechatMpAdapter(options);
}
