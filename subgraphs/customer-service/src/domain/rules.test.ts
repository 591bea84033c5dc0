import { describe, expect, it } from '@jest/globals';
import { channelFor } from '@zhongtai/contracts';
import { answerable, cleanAnswer } from './answer.js';
import { shanghai } from './fixtures.js';
import type { SurveyDoc } from './records.js';
import { recommendations } from './recommend.js';
import { checkTemplate, mainCategory, surveyDueAt } from './templates.js';

const now = new Date('2026-03-10T02:00:00.000Z');
const survey = (x: Partial<SurveyDoc>) =>
  ({
    status: 'SENT',
    expiresAt: new Date('2026-03-20T00:00:00.000Z'),
    score: null,
    comment: null,
    ...x,
  }) as SurveyDoc;

describe('answers', () => {
  it('takes 1..5 and a trimmed comment', () => {
    expect(cleanAnswer({ score: 4, comment: '  好 ' })).toEqual({ score: 4, comment: '好' });
    for (const score of [0, 6, 2.5]) expect(() => cleanAnswer({ score })).toThrow(/score/);
    expect(() => cleanAnswer({ score: 3, comment: 'x'.repeat(501) })).toThrow(/comment/);
  });

  it('a sent survey once; the same answer again is a replay, another a CONFLICT', () => {
    expect(answerable(survey({}), { score: 4, comment: null }, now)).toBe('new');
    const answered = survey({ status: 'ANSWERED', score: 4, comment: '好' });
    expect(answerable(answered, { score: 4, comment: '好' }, now)).toBe('replay');
    expect(() => answerable(answered, { score: 5, comment: '好' }, now)).toThrow(/already answered/);
  });

  it('not before it is sent, not after it expired', () => {
    expect(() => answerable(survey({ status: 'SCHEDULED' }), { score: 4, comment: null }, now)).toThrow(
      /not been sent/,
    );
    expect(() => answerable(survey({ status: 'CANCELLED' }), { score: 4, comment: null }, now)).toThrow(
      /not been sent/,
    );
    expect(() =>
      answerable(
        survey({ expiresAt: new Date('2026-03-10T01:00:00.000Z') }),
        { score: 4, comment: null },
        now,
      ),
    ).toThrow(/expired/);
  });
});

describe('templates', () => {
  const categories: Record<string, string> = { 'SKU-1': '饮品', 'SKU-2': '熟食' };
  it('surveys the category of the main line (largest amount), the item master first', () => {
    const lines = [
      { sku: 'SKU-1', quantity: 1, unitPrice: 1000 },
      { sku: 'SKU-2', quantity: 3, unitPrice: 500, category: 'other' },
    ];
    expect(mainCategory(lines, (s) => categories[s])).toBe('熟食');
    expect(
      mainCategory([{ sku: 'SKU-9', quantity: 1, unitPrice: 1, category: '零食' }], () => undefined),
    ).toBe('零食');
    expect(mainCategory([{ sku: 'SKU-9', quantity: 1, unitPrice: 1 }], () => undefined)).toBeNull();
  });

  it('is due at once or N days later on the tenant calendar', () => {
    expect(surveyDueAt(now, 0, shanghai)).toEqual(now);
    expect(surveyDueAt(now, 14, shanghai)).toEqual(new Date('2026-03-24T02:00:00.000Z'));
    expect(() =>
      checkTemplate({ category: '饮品', delayDays: 91, questions: ['q'], keywordTags: [] }),
    ).toThrow(/delayDays/);
    expect(() => checkTemplate({ category: '饮品', delayDays: 0, questions: [], keywordTags: [] })).toThrow(
      /questions/,
    );
  });
});

describe('recommendations and delivery', () => {
  it('recommends what was not bought in 90 days and is in stock, in catalogue order', () => {
    const skus = ['A', 'B', 'C', 'D', 'E'];
    expect(recommendations(skus, new Set(['A']), new Set(['A', 'B', 'D', 'E']))).toEqual(['B', 'D', 'E']);
    expect(recommendations(skus, new Set(), new Set(['C']), 3)).toEqual(['C']);
  });

  it('reaches a member only where it consented', () => {
    const base = { phone: '13800000000', wechatOpenId: 'oWx123456' };
    expect(channelFor({ ...base, consents: [{ channel: 'WECHAT', granted: true }] })).toEqual({
      via: 'WECHAT_TEMPLATE',
      to: 'oWx123456',
    });
    expect(channelFor({ ...base, consents: [{ channel: 'APP', granted: true }] })).toEqual({
      via: 'SMS',
      to: base.phone,
    });
    expect(channelFor({ ...base, consents: [{ channel: 'APP', granted: false }] })).toEqual({
      via: 'APP',
      to: null,
    });
    expect(
      channelFor({ ...base, wechatOpenId: null, consents: [{ channel: 'WECHAT', granted: true }] }).via,
    ).toBe('APP');
  });
});
