import { badInput } from '@zhongtai/contracts';
import type { CampaignFunnelCounts, CampaignTrigger } from './records.js';

export const EMPTY_FUNNEL: CampaignFunnelCounts = {
  sent: 0,
  clicked: 0,
  shared: 0,
  joined: 0,
  couponsClaimed: 0,
  purchased: 0,
  pointsAwarded: 0,
};

export interface CampaignSettings {
  name: string;
  trigger: CampaignTrigger;
  offerId: string | null;
  template: string;
  active: boolean;
  attributionDays: number;
  capHours: number;
}

/** A campaign as HQ saves it, checked (BAD_USER_INPUT names the field). */
export function checkCampaign(c: CampaignSettings): CampaignSettings {
  if (!c.name.trim()) throw badInput('a campaign needs a name', { field: 'name' });
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(c.template))
    throw badInput('template is a notification template name (a-z, 0-9, -)', { field: 'template' });
  if (!Number.isInteger(c.attributionDays) || c.attributionDays < 1 || c.attributionDays > 90)
    throw badInput('attributionDays must be 1..90', { field: 'attributionDays' });
  if (!Number.isInteger(c.capHours) || c.capHours < 0 || c.capHours > 24 * 30)
    throw badInput('capHours must be 0..720', { field: 'capHours' });
  return { ...c, name: c.name.trim() };
}

/**
 * When a member may get its next campaign message: after the frequency cap since its last one
 * (`capHours` 0: at once).
 */
export function cappedUntil(lastSentAt: Date | null, capHours: number): Date | null {
  return lastSentAt && capHours > 0 ? new Date(lastSentAt.getTime() + capHours * 3_600_000) : null;
}

/** Whether a purchase at `placedAt` counts for a message sent at `sentAt` (within the attribution window). */
export function attributable(sentAt: Date, placedAt: Date, attributionDays: number): boolean {
  return placedAt >= sentAt && placedAt.getTime() - sentAt.getTime() <= attributionDays * 86_400_000;
}

/** No campaign messages at night on the tenant's wall clock. */
export const QUIET_HOURS = { start: '21:00', end: '09:00' };
