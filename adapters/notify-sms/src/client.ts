import type { AdapterHealth, NotificationAdapter, OutboundNotification } from '@zhongtai/contracts';
import { AdapterError, type LegacyHttp, createLegacyClients, probeHealth } from '@zhongtai/adapter-kit';
import { gatewayHeaders } from './legacy-format.js';
import { NotifyMappingError, parseSendReply, toGatewaySend } from './mapping.js';
import { type NotifySmsConfig, type NotifySmsOptions, parseNotifySmsOptions } from './options.js';

export const NOTIFY_SMS_ID = 'notify-sms';
export const GATEWAY_SEND_PATH = '/api/v2/message/send';
export const GATEWAY_BALANCE_PATH = '/api/v2/account/balance';

/**
 * SMS, e-mail and WeChat template messages through the message gateway. The platform's message
 * key goes out as the gateway's `clientMsgId`, so a retried or replayed send is delivered at most
 * once and answers the same provider message id. Refusals (unknown template, unsupported channel,
 * bad receiver, bad signature) are non-retryable AdapterErrors; outages are retryable.
 */
export class NotifySmsAdapter implements NotificationAdapter {
  readonly identifier = NOTIFY_SMS_ID;
  readonly kind = 'notification' as const;
  private readonly config: NotifySmsConfig;
  private readonly http: LegacyHttp;
  private readonly health: LegacyHttp;
  private destroyed = false;

  constructor(options: NotifySmsOptions) {
    this.config = parseNotifySmsOptions(options);
    const c = this.config;
    ({ http: this.http, probe: this.health } = createLegacyClients(
      {
        name: NOTIFY_SMS_ID,
        baseUrl: c.baseUrl,
        timeoutMs: c.timeoutMs,
        retries: c.retries,
        breaker: c.breaker,
        registry: c.registry,
      },
      Math.max(c.timeoutMs, 2000),
    ));
  }

  async init(): Promise<void> {
    this.destroyed = false;
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
  }

  /** Healthy when the gateway answers the (signed) balance query: the account works, the signature is right. */
  async healthCheck(): Promise<AdapterHealth> {
    return probeHealth(async () => {
      const res = await this.health.request<{ ret?: unknown; data?: { balance?: unknown } }>(
        'GET',
        GATEWAY_BALANCE_PATH,
        { headers: this.sign('') },
      );
      const ok = String(res.body?.ret) === '0';
      return {
        ok,
        detail: ok
          ? `balance ${String(res.body?.data?.balance)}`
          : `balance query answered ${res.text.slice(0, 100)}`,
      };
    });
  }

  async send(message: OutboundNotification): Promise<{ providerMessageId: string }> {
    if (this.destroyed) throw new AdapterError(NOTIFY_SMS_ID, 'adapter was destroyed', false);
    let body: string;
    try {
      body = JSON.stringify(toGatewaySend(message));
    } catch (error) {
      throw this.refused(error);
    }
    // one body and one signature for every attempt: a retry is the same request, byte for byte
    const res = await this.http.request('POST', GATEWAY_SEND_PATH, { body, headers: this.sign(body) });
    try {
      return { providerMessageId: parseSendReply(res.body).providerMessageId };
    } catch (error) {
      throw this.refused(error, res.status);
    }
  }

  private sign(body: string): Record<string, string> {
    const { appId, appSecret } = this.config;
    return gatewayHeaders(appId, appSecret, this.config.now?.() ?? new Date(), body);
  }

  private refused(error: unknown, status?: number): Error {
    return error instanceof NotifyMappingError
      ? new AdapterError(NOTIFY_SMS_ID, error.message, false, status)
      : (error as Error);
  }
}

/** Creates the adapter; throws at once when the options are invalid. */
export function createNotifySmsAdapter(options: NotifySmsOptions): NotifySmsAdapter {
  return new NotifySmsAdapter(options);
}
