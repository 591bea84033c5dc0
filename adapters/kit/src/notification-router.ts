import type { AdapterHealth, NotificationAdapter, OutboundNotification } from '@zhongtai/contracts';

/**
 * One `NotificationAdapter` over several: each message goes to the adapter of its channel (e.g.
 * WECHAT_TEMPLATE to the WeChat service account, SMS to the message gateway), the rest to `fallback`.
 * Healthy when every adapter is.
 */
export class NotificationRouter implements NotificationAdapter {
  readonly identifier: string;
  readonly kind = 'notification' as const;
  private readonly all: NotificationAdapter[];

  constructor(
    private readonly byChannel: Partial<Record<OutboundNotification['channel'], NotificationAdapter>>,
    private readonly fallback: NotificationAdapter,
  ) {
    this.all = [...new Set([...Object.values(byChannel), fallback])] as NotificationAdapter[];
    this.identifier = this.all.map((a) => a.identifier).join('+');
  }

  send(m: OutboundNotification): Promise<{ providerMessageId: string }> {
    return (this.byChannel[m.channel] ?? this.fallback).send(m);
  }

  async init(): Promise<void> {
    for (const a of this.all) await a.init();
  }

  async destroy(): Promise<void> {
    for (const a of this.all) await a.destroy();
  }

  async healthCheck(): Promise<AdapterHealth> {
    const started = Date.now();
    const checks = await Promise.all(this.all.map(async (a) => ({ a, h: await a.healthCheck() })));
    const down = checks.filter((c) => !c.h.ok);
    return down.length
      ? {
          ok: false,
          detail: down.map((c) => `${c.a.identifier}: ${c.h.detail}`).join('; '),
          latencyMs: Date.now() - started,
        }
      : { ok: true, latencyMs: Date.now() - started };
  }
}
