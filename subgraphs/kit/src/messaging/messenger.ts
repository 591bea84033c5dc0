import {
  type NotificationAdapter,
  type OutboundNotification,
  type Reachability,
  type SendChannel,
  channelFor,
} from '@zhongtai/contracts';

type Message = Pick<OutboundNotification, 'key' | 'tenant' | 'template' | 'params'>;

/**
 * Messages through the notification adapter (when one is configured): to a member on the channel
 * it consented to, or to a store's contact. The message key makes every send idempotent.
 */
export class Messenger {
  constructor(private readonly notifier?: NotificationAdapter) {}

  /** whether anything can be sent at all (an adapter is configured) */
  get sends(): boolean {
    return !!this.notifier;
  }

  /** How a member is reached now: its consented channel, or the app (nothing is sent) without consent or adapter. */
  routeTo(reach: Reachability | null): { via: SendChannel; to: string | null } {
    const route = reach ? channelFor(reach) : null;
    return route?.to && this.notifier ? route : { via: 'APP', to: null };
  }

  /** Sends to the member on its route; false when it goes to the app (nothing sent). */
  async toMember(route: { via: SendChannel; to: string | null }, m: Message): Promise<boolean> {
    if (route.via === 'APP' || !route.to) return false;
    await this.notifier!.send({ ...m, channel: route.via, to: route.to });
    return true;
  }

  /** Sends to a contact (a store's); false without an adapter. */
  async toContact(contact: Pick<OutboundNotification, 'channel' | 'to'>, m: Message): Promise<boolean> {
    if (!this.notifier) return false;
    await this.notifier.send({ ...m, ...contact });
    return true;
  }
}
