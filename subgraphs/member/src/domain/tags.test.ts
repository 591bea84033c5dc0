import { DomainError } from '@zhongtai/contracts';
import type { TagSource } from './records.js';
import type { ProfileView, Rule } from './rules.js';
import { cleanTag, firstOfEach, ruleTagChanges } from './tags.js';

const at = (day: number) => new Date(Date.UTC(2026, 0, day));
const tag = (name: string, source: TagSource, day: number) => ({ name, source, addedAt: at(day) });

describe('cleanTag', () => {
  it('trims a tag and keeps letters, digits, spaces and _.:-', () => {
    expect(cleanTag('  coffee lover ')).toBe('coffee lover');
    expect(cleanTag('会员:金卡_2026')).toBe('会员:金卡_2026');
  });
  it.each(['', '   ', '-vip', 'a'.repeat(33), 'vip!'])('rejects %j with BAD_USER_INPUT', (raw) => {
    expect(() => cleanTag(raw)).toThrow(DomainError);
  });
});

describe('firstOfEach', () => {
  it('keeps the earliest tag of each name, ordered by when it was added', () => {
    const tags = [tag('vip', 'RULE', 5), tag('coffee', 'SURVEY', 3), tag('vip', 'MANUAL', 2)];
    expect(firstOfEach(tags)).toEqual([tag('vip', 'MANUAL', 2), tag('coffee', 'SURVEY', 3)]);
  });
});

describe('ruleTagChanges', () => {
  const bigSpender: Rule = { match: 'ALL', conditions: [{ fact: 'totalSpent', op: 'GTE', value: '1000' }] };
  const rules = [{ tag: 'vip', rule: bigSpender }];
  const viewOf = (totalSpent: number) => (tags: Array<{ name: string }>) =>
    ({ totalSpent, tag: tags.map((t) => t.name) }) as unknown as ProfileView;

  it('adds the tag of a rule the member now meets', () => {
    expect(ruleTagChanges(rules, [], viewOf(5000))).toEqual([{ tag: 'vip', change: 'add' }]);
  });
  it('adds nothing when the member has the tag from another source', () => {
    expect(ruleTagChanges(rules, [tag('vip', 'MANUAL', 1)], viewOf(5000))).toEqual([]);
  });
  it('removes a RULE tag the member no longer earns, never a manual one', () => {
    expect(ruleTagChanges(rules, [tag('vip', 'RULE', 1)], viewOf(10))).toEqual([
      { tag: 'vip', change: 'remove' },
    ]);
    expect(ruleTagChanges(rules, [tag('vip', 'MANUAL', 1)], viewOf(10))).toEqual([]);
  });
  it('evaluates a rule without its own tag, so a rule on its tag cannot keep itself alive', () => {
    const selfish = [
      { tag: 'vip', rule: { match: 'ALL', conditions: [{ fact: 'tag', op: 'HAS', value: 'vip' }] } as Rule },
    ];
    expect(ruleTagChanges(selfish, [tag('vip', 'RULE', 1)], viewOf(0))).toEqual([
      { tag: 'vip', change: 'remove' },
    ]);
  });
});
