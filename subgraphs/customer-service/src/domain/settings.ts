import { badInput, minutesOf } from '@zhongtai/contracts';
import type { CareSettings } from './records.js';

/** The defaults of a tenant that set nothing: R-CS-5's 72 hours, no messages 21:00–09:00. */
export const DEFAULT_SETTINGS: CareSettings = {
  slaHours: 72,
  escalateToHqAfterHours: 24,
  quietHours: { start: '21:00', end: '09:00' },
  answerWithinDays: 14,
  storeContacts: [],
};

/** Settings as HQ gives them: only what is given changes; each value checked. */
export function mergeSettings(current: CareSettings, input: Partial<CareSettings>): CareSettings {
  const next = { ...current, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v != null)) };
  const whole = (v: number, min: number, max: number, field: string) => {
    if (!Number.isInteger(v) || v < min || v > max)
      throw badInput(`${field} must be ${min}..${max}`, { field });
  };
  whole(next.slaHours, 1, 24 * 30, 'slaHours');
  whole(next.escalateToHqAfterHours, 1, 24 * 30, 'escalateToHqAfterHours');
  whole(next.answerWithinDays, 1, 365, 'answerWithinDays');
  minutesOf(next.quietHours.start);
  minutesOf(next.quietHours.end);
  for (const c of next.storeContacts)
    if (!c.storeId?.trim() || !c.to?.trim())
      throw badInput('a store contact needs storeId and to', { field: 'storeContacts' });
  return next;
}
