import { Simulator, type SimRequest, type SimResponse, deliverWebhooks } from '@zhongtai/adapter-kit';
import type { WechatEvent } from '@zhongtai/contracts';
import { wechatEncrypt, wechatSignature } from '../crypto.js';
import { wechatMessageId } from '../mapping.js';
import { toWechatXml } from '../xml.js';
import { seeded } from '@zhongtai/adapter-kit';

/** An event as the simulator takes it: `messageId` is what WeChat's fields make of it, so it may be left out. */
export type WechatEventInput = Omit<WechatEvent, 'messageId'> & { messageId?: string };

export interface WechatMpSimulatorOptions {
  seed?: number;
  /** account credentials (defaults are demo values) */
  appId?: string;
  appSecret?: string;
  token?: string;
  /** secure mode: pushes are AES-encrypted and carry msg_signature */
  encodingAesKey?: string;
  /** the account's original id (ToUserName), gh_ + 12 hex */
  accountId?: string;
  /** the template ids (模板ID) the account has; a template message with another is refused (40037) */
  templateIds?: string[];
}

/** A template message the simulated account sent. */
export interface WechatTemplateRecord {
  msgid: number;
  touser: string;
  template_id: string;
  data: Record<string, { value: string }>;
}

const EVENT = { FOLLOW: 'subscribe', UNFOLLOW: 'unsubscribe', SCAN: 'SCAN' } as const;

class WechatState {
  readonly events: WechatEvent[];
  readonly xml: string[];
  readonly rnd: ReturnType<typeof seeded>;
  private readonly wire = new Map<string, string>(); // body → Encrypt (secure mode)

  constructor(
    input: WechatEventInput[],
    readonly opts: Required<Omit<WechatMpSimulatorOptions, 'encodingAesKey' | 'templateIds'>> & {
      encodingAesKey?: string;
      templateIds?: string[];
    },
  ) {
    this.rnd = seeded(opts.seed);
    this.events = input.map((e) => this.check(e));
    this.xml = this.events.map((e) => this.toXml(e));
  }

  /** The inverse of `mapWechatEvent`, refusing what WeChat cannot say. */
  private check(e: WechatEventInput): WechatEvent {
    const t = Date.parse(e.occurredAt);
    if (Number.isNaN(t) || t % 1000) throw new Error(`WeChat keeps whole seconds: ${e.occurredAt}`);
    if (e.kind === 'UNFOLLOW' && e.storeId) throw new Error('an unfollow carries no scene');
    if (e.kind === 'SCAN' && !e.storeId) throw new Error('a SCAN always carries its scene (storeId)');
    const messageId = wechatMessageId(e.openId, t / 1000, EVENT[e.kind]);
    if (e.messageId !== undefined && e.messageId !== messageId)
      throw new Error(`WeChat's message id of this event is ${messageId}, not ${e.messageId}`);
    const out: WechatEvent = {
      kind: e.kind,
      openId: e.openId,
      occurredAt: new Date(t).toISOString(),
      messageId,
    };
    if (e.storeId) out.storeId = e.storeId;
    return out;
  }

  private toXml(e: WechatEvent): string {
    const key =
      e.kind === 'FOLLOW' ? (e.storeId ? `qrscene_${e.storeId}` : '') : e.kind === 'SCAN' ? e.storeId : '';
    return toWechatXml({
      ToUserName: this.opts.accountId,
      FromUserName: e.openId,
      CreateTime: Date.parse(e.occurredAt) / 1000,
      MsgType: 'event',
      Event: EVENT[e.kind],
      ...(e.kind !== 'UNFOLLOW' ? { EventKey: key } : {}),
      ...(e.storeId ? { Ticket: `gQH47joAAAAAAAAAASxodHRwOi8v${this.rnd.int(100000, 999999)}` } : {}),
    });
  }

  /** What goes on the wire for event i: the plain XML, or the secure-mode envelope. */
  body(i: number): string {
    const key = this.opts.encodingAesKey;
    if (!key) return this.xml[i];
    const random = Buffer.from(Array.from({ length: 16 }, () => this.rnd.int(0, 255)));
    const encrypt = wechatEncrypt(key, this.opts.appId, this.xml[i], random);
    const body = toWechatXml({ ToUserName: this.opts.accountId, Encrypt: encrypt });
    this.wire.set(body, encrypt);
    return body;
  }

  /** The query parameters WeChat adds to a push, as the `x-wx-*` headers the adapter reads. */
  headers(body: string): Record<string, string> {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = String(this.rnd.int(100000000, 999999999));
    const encrypt = this.wire.get(body);
    return {
      'content-type': 'text/xml',
      'x-wx-signature': wechatSignature(this.opts.token, timestamp, nonce),
      'x-wx-timestamp': timestamp,
      'x-wx-nonce': nonce,
      ...(encrypt
        ? {
            'x-wx-encrypt-type': 'aes',
            'x-wx-msg-signature': wechatSignature(this.opts.token, timestamp, nonce, encrypt),
          }
        : {}),
    };
  }

  readonly sent: WechatTemplateRecord[] = [];
  private readonly tokens = new Set<string>();

  expireTokens(): void {
    this.tokens.clear();
  }

  /** A template message: a live access token, a follower, a template the account has. */
  private template(req: SimRequest): SimResponse {
    if (!this.tokens.has(req.query.get('access_token') ?? ''))
      return {
        body: { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' },
      };
    let m: Partial<WechatTemplateRecord>;
    try {
      m = JSON.parse(req.body) as Partial<WechatTemplateRecord>;
    } catch {
      return { body: { errcode: 47001, errmsg: 'data format error' } };
    }
    const followers = new Set(this.events.filter((e) => e.kind !== 'UNFOLLOW').map((e) => e.openId));
    if (!m.touser || !followers.has(m.touser))
      return { body: { errcode: 43004, errmsg: 'require subscribe' } };
    if (!m.template_id || !(this.opts.templateIds ?? []).includes(m.template_id))
      return { body: { errcode: 40037, errmsg: 'invalid template_id' } };
    const msgid = 2_000_000_000 + this.sent.length;
    this.sent.push({ msgid, touser: m.touser, template_id: m.template_id, data: m.data ?? {} });
    return { body: { errcode: 0, errmsg: 'ok', msgid } };
  }

  handle(req: SimRequest): SimResponse {
    if (req.path === '/cgi-bin/message/template/send' && req.method === 'POST') return this.template(req);
    if (req.path !== '/cgi-bin/token' || req.method !== 'GET')
      return { status: 404, body: { errcode: 404, errmsg: 'not found' } };
    const q = req.query;
    if (q.get('grant_type') !== 'client_credential')
      return { body: { errcode: 40002, errmsg: 'invalid grant_type' } };
    if (q.get('appid') !== this.opts.appId) return { body: { errcode: 40013, errmsg: 'invalid appid' } };
    if (q.get('secret') !== this.opts.appSecret)
      return { body: { errcode: 40125, errmsg: 'invalid appsecret' } };
    const token = `ACCESS_TOKEN_${this.rnd.int(1e8, 9e8)}`;
    this.tokens.add(token);
    return { body: { access_token: token, expires_in: 7200 } };
  }
}

/**
 * A WeChat service account: the access-token endpoint of the API (`GET /cgi-bin/token`), and the
 * event pushes WeChat makes to the account's server URL (signed; encrypted in secure mode; retried).
 */
export class WechatMpSimulator extends Simulator {
  constructor(private readonly state: WechatState) {
    super('wechat-mp', (req) => state.handle(req), { seed: state.opts.seed });
  }

  get appId(): string {
    return this.state.opts.appId;
  }
  get appSecret(): string {
    return this.state.opts.appSecret;
  }
  get token(): string {
    return this.state.opts.token;
  }
  get encodingAesKey(): string | undefined {
    return this.state.opts.encodingAesKey;
  }

  /** The template messages the account sent, in order. */
  templateMessages(): WechatTemplateRecord[] {
    return structuredClone(this.state.sent);
  }

  /** Every access token issued so far stops working (WeChat's 40001: a token fetched elsewhere replaced it). */
  expireTokens(): void {
    this.state.expireTokens();
  }

  /** The events it holds, normalised (with their message ids). */
  get events(): WechatEvent[] {
    return structuredClone(this.state.events);
  }

  /** The plain XML WeChat writes for event i (before any encryption). */
  xml(i: number): string {
    return this.state.xml[i];
  }

  /** One push of event i as the adapter receives it, signed now. */
  delivery(i = 0): { headers: Record<string, string>; body: string; expected: WechatEvent } {
    const body = this.state.body(i);
    return { headers: this.state.headers(body), body, expected: this.state.events[i] };
  }

  /** Pushes every event to `url` like WeChat: some twice (a retry), shuffled, re-signed per attempt. */
  pushEvents(
    url: string,
    opts: { duplicateRate?: number; shuffle?: boolean; seed?: number; retries?: number } = {},
  ): Promise<number> {
    const bodies = this.state.events.map((_, i) => this.state.body(i));
    return deliverWebhooks(url, bodies, { ...opts, headers: (body) => this.state.headers(body) });
  }
}

export function createWechatMpSimulator(
  events: WechatEventInput[],
  opts: WechatMpSimulatorOptions = {},
): WechatMpSimulator {
  return new WechatMpSimulator(
    new WechatState(events, {
      seed: opts.seed ?? 42,
      appId: opts.appId ?? 'wx5f3a9c0d2e7b4a61',
      appSecret: opts.appSecret ?? 'wechat-demo-app-secret',
      token: opts.token ?? 'ztDemoToken2024',
      accountId: opts.accountId ?? 'gh_8a3c5f71b2d4',
      templateIds: opts.templateIds ?? [],
      ...(opts.encodingAesKey ? { encodingAesKey: opts.encodingAesKey } : {}),
    }),
  );
}
