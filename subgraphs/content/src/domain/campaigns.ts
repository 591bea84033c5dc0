import { badInput, isLeapYear, isMonthDay, minutesOf } from '@zhongtai/contracts';
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
  /** no messages between these times of the tenant's day (HH:mm); equal: none */
  quietHours: { start: string; end: string };
  /** SEGMENT: whom and from when */
  segmentId: string | null;
  startAt: Date | null;
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
  minutesOf(c.quietHours.start);
  minutesOf(c.quietHours.end);
  const segmentId = c.segmentId?.trim() || null;
  if (c.trigger === 'SEGMENT' && (!segmentId || !c.startAt))
    throw badInput('a SEGMENT campaign needs segmentId and startAt', { field: 'segmentId' });
  if (c.trigger !== 'SEGMENT' && (segmentId || c.startAt))
    throw badInput('segmentId and startAt belong to SEGMENT campaigns', { field: 'segmentId' });
  return { ...c, name: c.name.trim(), segmentId };
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

/** No campaign messages at night on the tenant's wall clock, unless the campaign says otherwise. */
export const QUIET_HOURS = { start: '21:00', end: '09:00' };

/**
 * The occurrence a recurring trigger's delivery is for, so a member gets one per occurrence: a
 * birthday once a year, a turn to AT_RISK once a day at most; null for once-only triggers.
 */
export function occurrenceOf(trigger: CampaignTrigger, businessDay: string): string | null {
  if (trigger === 'BIRTHDAY') return businessDay.slice(0, 4);
  if (trigger === 'CHURN_RISK') return businessDay;
  return null;
}

/** The birthdays (`MM-DD`) celebrated on a business day (`YYYY-MM-DD`): 29 February on the 28th in other years. */
export function birthdaysOn(businessDay: string): string[] {
  const mmdd = businessDay.slice(5);
  return mmdd === '02-28' && !isLeapYear(Number(businessDay.slice(0, 4))) ? ['02-28', '02-29'] : [mmdd];
}

/** A birthday as the member center announces it (`MM-DD`), or null when it is not one. */
export function birthdayOf(raw: string | null | undefined): string | null {
  const m = /^(\d{2})-(\d{2})$/.exec(raw ?? '');
  return m && isMonthDay(Number(m[1]), Number(m[2])) ? raw! : null;
}
