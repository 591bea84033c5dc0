import { parseRateLimits } from '../service/campaign-sender.js';
import { attributable, birthdayOf, birthdaysOn, cappedUntil, occurrenceOf } from './campaigns.js';

describe('campaign rules', () => {
  it('celebrates 29 February on the 28th in other years only', () => {
    expect(birthdaysOn('2027-02-28')).toEqual(['02-28', '02-29']);
    expect(birthdaysOn('2028-02-28')).toEqual(['02-28']);
    expect(birthdaysOn('2028-02-29')).toEqual(['02-29']);
    expect(birthdaysOn('2100-02-28')).toEqual(['02-28', '02-29']); // not a leap year
    expect(birthdaysOn('2026-12-31')).toEqual(['12-31']);
  });

  it('takes only real days as birthdays', () => {
    expect(birthdayOf('02-29')).toBe('02-29');
    expect(birthdayOf('04-31')).toBeNull();
    expect(birthdayOf('13-01')).toBeNull();
    expect(birthdayOf('1990-02-01')).toBeNull();
    expect(birthdayOf(undefined)).toBeNull();
  });

  it('gives recurring triggers one occurrence a year (birthday) or a day (churn risk)', () => {
    expect(occurrenceOf('BIRTHDAY', '2026-03-11')).toBe('2026');
    expect(occurrenceOf('CHURN_RISK', '2026-03-11')).toBe('2026-03-11');
    expect(occurrenceOf('JOINED_IN_STORE', '2026-03-11')).toBeNull();
    expect(occurrenceOf('SEGMENT', '2026-03-11')).toBeNull();
  });

  it('caps and attributes by the clock', () => {
    const sent = new Date('2026-03-10T02:00:00Z');
    expect(cappedUntil(sent, 24)).toEqual(new Date('2026-03-11T02:00:00Z'));
    expect(cappedUntil(sent, 0)).toBeNull();
    expect(attributable(sent, new Date('2026-03-17T02:00:00Z'), 7)).toBe(true);
    expect(attributable(sent, new Date('2026-03-17T02:00:00.001Z'), 7)).toBe(false);
    expect(attributable(sent, new Date('2026-03-10T01:59:59Z'), 7)).toBe(false);
  });

  it('reads CAMPAIGN_RATE_LIMITS, refusing what it cannot read', () => {
    expect(parseRateLimits(undefined)).toEqual({ SMS: 600, WECHAT_TEMPLATE: 1200 });
    expect(parseRateLimits(' SMS = 300 ,WECHAT_TEMPLATE=0')).toEqual({ SMS: 300, WECHAT_TEMPLATE: 0 });
    expect(() => parseRateLimits('SMS=fast')).toThrow(/CAMPAIGN_RATE_LIMITS/);
    expect(() => parseRateLimits('FAX=1')).toThrow(/CAMPAIGN_RATE_LIMITS/);
  });
});
