import {
  AdapterError,
  type LegacyHttp,
  type LegacyHttpOptions,
  MemoryNonceStore,
  type NonceStore,
  createLegacyHttp,
} from '@zhongtai/adapter-kit';
import type { AdapterHealth, NotificationAdapter, OutboundNotification } from '@zhongtai/contracts';
import { z } from 'zod';

/** The demo account's template ids (模板ID) for the platform's template names (the simulator has them). */
export const DEMO_WECHAT_TEMPLATES: Readonly<Record<string, string>> = Object.freeze({
  welcome: 'zt-demo-welcome-2HqkV7sW3yLxGm0P8cTnR4bJ',
  'survey-invite': 'zt-demo-survey-invite-9FdLs2QwKe7Nz1Ym',
  apology: 'zt-demo-apology-5TgBv8RcXp3Lw6Kd0SqHj',
  'complaint-followup': 'zt-demo-complaint-followup-4MnZr1Vb',
  'points-expiring': 'zt-demo-points-expiring-8WcQe3Lt7Ux',
  'order-shipped': 'zt-demo-order-shipped-6JpYh0Dk2Rs9Ga',
});

const OptionsSchema = z.object({
  baseUrl: z.url().default('https://api.weixin.qq.com'),
  appId: z.string().regex(/^wx[0-9a-f]{16}$/, 'an AppID looks like wx + 16 hex digits'),
  appSecret: z.string().min(1),
  /** the platform's template names → the account's template ids (模板ID), e.g. `{ welcome: 'Xy…' }` */
  templates: z.record(z.string(), z.string().min(1)),
  /** where the keys of messages sent are kept (at most once per key); default: in this process */
  sentKeys: z.custom<NonceStore>((v) => typeof (v as NonceStore | null)?.seen === 'function').optional(),
  timeoutMs: z.number().int().positive().default(3000),
  registry: z
    .custom<NonNullable<LegacyHttpOptions['registry']>>((v) => typeof v === 'object' && v !== null)
    .optional(),
});
export type WechatTemplateOptions = z.input<typeof OptionsSchema>;

/** errcodes of an access token that no longer works: fetch a new one and send once more */
const STALE_TOKEN = new Set([40001, 40014, 42001]);
const KEEP_KEYS_SECONDS = 30 * 86_400;

type Answer = { errcode?: number; errmsg?: string; msgid?: number | string };

/**
 * WeChat template messages (模板消息) from the service account itself, as a `NotificationAdapter` for
 * the `WECHAT_TEMPLATE` channel: `POST /cgi-bin/message/template/send?access_token=…` with
 * `{ touser, template_id, data: { name: { value } } }` (the message's params), the access token from
 * `GET /cgi-bin/token`, kept until shortly before it expires and fetched again when WeChat says it is
 * stale. WeChat takes no idempotency key, so the adapter keeps the keys it sent (`sentKeys`): a key is
 * sent at most once. An answer that refuses the message (an errcode) frees its key for a later try; a
 * send whose outcome is unknown (a timeout, a dropped connection) keeps it, and is not retried: at
 * most once, as `OutboundNotification.key` promises, rather than a member messaged twice.
 */
export class WechatTemplateSender implements NotificationAdapter {
  readonly identifier = 'wechat-mp-template';
  readonly kind = 'notification' as const;
  private readonly opts: z.output<typeof OptionsSchema>;
  private readonly tokenHttp: LegacyHttp;
  private readonly sendHttp: LegacyHttp;
  private readonly sent: NonceStore;
  private token: { value: string; until: number } | null = null;

  constructor(options: WechatTemplateOptions) {
    const parsed = OptionsSchema.safeParse(options);
    if (!parsed.success)
      throw new Error(`wechat-mp-template: invalid options: ${z.prettifyError(parsed.error)}`);
    this.opts = parsed.data;
    this.sent = this.opts.sentKeys ?? new MemoryNonceStore();
    const http = { name: this.identifier, baseUrl: this.opts.baseUrl, timeoutMs: this.opts.timeoutMs };
    this.tokenHttp = createLegacyHttp({ ...http, retries: 2, registry: this.opts.registry });
    // a send is never retried by the transport: WeChat cannot tell a retry from a second message
    this.sendHttp = createLegacyHttp({ ...http, retries: 0 });
  }

  async init(): Promise<void> {}

  async destroy(): Promise<void> {}

  async healthCheck(): Promise<AdapterHealth> {
    const started = Date.now();
    try {
      await this.accessToken(true);
      return { ok: true, latencyMs: Date.now() - started };
    } catch (error) {
      return { ok: false, detail: (error as Error).message, latencyMs: Date.now() - started };
    }
  }

  async send(m: OutboundNotification): Promise<{ providerMessageId: string }> {
    const refuse = (why: string) => new AdapterError(this.identifier, why, false);
    if (m.channel !== 'WECHAT_TEMPLATE') throw refuse(`sends WECHAT_TEMPLATE only, not ${m.channel}`);
    const templateId = this.opts.templates[m.template];
    if (!templateId) throw refuse(`no WeChat template id for the template "${m.template}"`);
    const key = `wechat-template:${m.key}`;
    if (await this.sent.seen(key, KEEP_KEYS_SECONDS)) return { providerMessageId: `sent-before:${m.key}` };
    const body = {
      touser: m.to,
      template_id: templateId,
      data: Object.fromEntries(Object.entries(m.params).map(([k, value]) => [k, { value }])),
    };
    // no answer (thrown): WeChat may have sent it, so the key stays taken (at most once)
    let answer = await this.post(body, false);
    if (answer.errcode && STALE_TOKEN.has(answer.errcode)) answer = await this.post(body, true);
    if (answer.errcode) {
      await this.sent.forget?.(key); // refused: nothing was sent, a later try may send it
      throw new AdapterError(this.identifier, `errcode ${answer.errcode}: ${answer.errmsg}`, false);
    }
    return { providerMessageId: String(answer.msgid) };
  }

  private async post(body: unknown, freshToken: boolean): Promise<Answer> {
    const res = await this.sendHttp.request<Answer>('POST', '/cgi-bin/message/template/send', {
      query: { access_token: await this.accessToken(freshToken) },
      body,
    });
    return res.body ?? { errcode: -1, errmsg: 'empty answer' };
  }

  private async accessToken(fresh: boolean): Promise<string> {
    if (!fresh && this.token && this.token.until > Date.now()) return this.token.value;
    const res = await this.tokenHttp.request<{ access_token?: string; expires_in?: number } & Answer>(
      'GET',
      '/cgi-bin/token',
      { query: { grant_type: 'client_credential', appid: this.opts.appId, secret: this.opts.appSecret } },
    );
    if (!res.body?.access_token)
      throw new AdapterError(this.identifier, `errcode ${res.body?.errcode}: ${res.body?.errmsg}`, false);
    // kept until five minutes before WeChat lets it expire (7200 s)
    this.token = {
      value: res.body.access_token,
      until: Date.now() + Math.max(60, (res.body.expires_in ?? 7200) - 300) * 1000,
    };
    return this.token.value;
  }
}
