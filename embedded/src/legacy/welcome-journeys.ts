import { createHash } from 'node:crypto';
import type { PosSimulator } from '@zhongtai/adapter-pos-legacy';
import type { SmsGatewaySimulator } from '@zhongtai/adapter-notify-sms';
import { DEMO_WECHAT_TEMPLATES, type WechatMpSimulator } from '@zhongtai/adapter-wechat-mp';
import { type Logger, signToken } from '@zhongtai/subgraph-kit';
import { SKUS } from '../seed/catalog.js';

/** What a welcome message carries (its template's params). */
export type Welcome = Partial<Record<'memberId' | 'offerId' | 'storeId', string>>;

/**
 * The welcomes the demo's legacy world delivered: WeChat template messages the service account sent
 * (`welcome`'s template id, params as template data) and SMS the message gateway delivered.
 */
export function welcomesIn(sims: {
  wechat: Pick<WechatMpSimulator, 'templateMessages'>;
  notify: Pick<SmsGatewaySimulator, 'delivered'>;
}): Welcome[] {
  return [
    ...sims.wechat
      .templateMessages()
      .filter((t) => t.template_id === DEMO_WECHAT_TEMPLATES.welcome)
      .map((t) => Object.fromEntries(Object.entries(t.data).map(([k, v]) => [k, v.value]))),
    ...sims.notify
      .delivered()
      .filter((m) => m.template === 'welcome')
      .map((m) => m.params),
  ];
}

/** A call into the gateway as the member itself (a MEMBER token, as the member's app holds). */
export type AsMember = <T>(
  memberId: string,
  query: string,
  variables?: Record<string, unknown>,
) => Promise<T>;

const CLAIM = 'mutation($o: ID!) { claimCoupon(offerId: $o) { code } }';

/** Which new members open their welcome and claim (6 in 10), and which of those spend it in store (half). */
function fate(memberId: string): 'ignores' | 'claims' | 'buys' {
  const x = createHash('sha256').update(memberId).digest()[0] % 10;
  return x < 3 ? 'buys' : x < 6 ? 'claims' : 'ignores';
}

/**
 * The demo brand's new members after their welcome (seed 003, `campaign-welcome`): the members a
 * welcome reached (a WeChat template message from the service account, or an SMS) open it, and some claim its coupon in the app — as
 * themselves, with a MEMBER token — and some of those spend it at the store they joined: a receipt
 * the till books in the POS with the coupon code on it, which the POS adapter brings in (and the sink
 * redeems) at the next sync. Which members do what follows from their id; each is walked once per
 * process (a claim is idempotent, a receipt is booked once).
 */
export class WelcomeJourneys {
  private readonly walked = new Set<string>();

  constructor(
    private readonly opts: {
      /** the welcomes delivered so far (`welcomesIn`) */
      welcomes: () => Welcome[];
      pos: Pick<PosSimulator, 'append'>;
      asMember: AsMember;
      logger: Logger;
    },
  ) {}

  /** Walks the welcomes delivered since the last call; answers how many claimed and bought. */
  async run(now = Date.now()): Promise<{ claimed: number; bought: number }> {
    let claimed = 0;
    let bought = 0;
    for (const { memberId, offerId, storeId } of this.opts.welcomes()) {
      if (!memberId || !offerId) continue;
      if (this.walked.has(memberId)) continue;
      this.walked.add(memberId);
      const what = fate(memberId);
      if (what === 'ignores') continue;
      try {
        const { claimCoupon } = await this.opts.asMember<{ claimCoupon: { code: string } }>(memberId, CLAIM, {
          o: offerId,
        });
        claimed++;
        if (what !== 'buys' || !storeId) continue;
        const sku = SKUS[createHash('sha256').update(`${memberId}|sku`).digest()[0] % SKUS.length];
        this.opts.pos.append([
          {
            source: 'pos',
            externalId: `WEL-${memberId
              .replace(/[^A-Za-z0-9]/g, '')
              .slice(0, 12)
              .toUpperCase()}`,
            channel: 'STORE',
            storeId,
            lines: [{ sku: sku.code, quantity: 1, unitPrice: sku.price }],
            currency: 'CNY',
            placedAt: new Date(Math.floor(now / 1000) * 1000).toISOString(),
            status: 'COMPLETED',
            couponCodes: [claimCoupon.code],
          },
        ]);
        bought++;
      } catch (error) {
        this.walked.delete(memberId); // walked again next time
        this.opts.logger.warn(
          { err: error, memberId },
          'demo welcome journey not taken; tried again shortly',
        );
      }
    }
    return { claimed, bought };
  }
}

/**
 * The demo's member app: calls the gateway as the member (a short-lived MEMBER token signed with the
 * users' key, JWT_SECRET, as the app's login would hand out). Errors carry the API's code.
 */
export function memberApp(
  gatewayUrl: () => string,
  tenant: string,
  jwt: { secret: string; issuer?: string; audience?: string },
): AsMember {
  return async <T>(memberId: string, query: string, variables?: Record<string, unknown>) => {
    const token = await signToken({ tenant, role: 'MEMBER', memberId }, jwt.secret, 300, jwt);
    const res = await fetch(gatewayUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(5000),
    });
    const body = (await res.json()) as {
      data?: T;
      errors?: Array<{ message: string; extensions?: { code?: string } }>;
    };
    const e = body.errors?.[0];
    if (e || !body.data)
      throw Object.assign(new Error(e?.message ?? `gateway answered ${res.status}`), {
        code: e?.extensions?.code,
      });
    return body.data;
  };
}
