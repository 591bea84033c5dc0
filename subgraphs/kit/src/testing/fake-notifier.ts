import type { NotificationAdapter, OutboundNotification } from '@zhongtai/contracts';

/** A message gateway stand-in for tests: keeps what it accepted (once per key), can go down. */
export class FakeNotifier implements NotificationAdapter {
  readonly identifier = 'fake-notify';
  readonly kind = 'notification' as const;
  readonly delivered = new Map<string, OutboundNotification>();
  attempts = 0;
  down = false;
  async init() {}
  async destroy() {}
  async healthCheck() {
    return { ok: !this.down, detail: this.down ? 'down' : 'up' };
  }
  async send(m: OutboundNotification) {
    this.attempts++;
    if (this.down) throw new Error('message gateway unreachable');
    if (!this.delivered.has(m.key)) this.delivered.set(m.key, m);
    return { providerMessageId: `msg-${m.key}` };
  }
  to(template: string): OutboundNotification[] {
    return [...this.delivered.values()].filter((m) => m.template === template);
  }
}
