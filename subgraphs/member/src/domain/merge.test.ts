import { DomainError } from '@zhongtai/contracts';
import { checkMerge, groupScope, type MergeCandidate } from './merge.js';

const m = (id: string, x: Partial<MergeCandidate> = {}): MergeCandidate => ({
  id,
  tenant: 'demo',
  ownStoreIds: [],
  ownRegions: [],
  ...x,
});

describe('checkMerge', () => {
  it('applies a merge of two roots and recognises a replay', () => {
    expect(checkMerge(m('s'), m('m'), ['m'])).toBe('apply');
    expect(checkMerge(m('s'), m('m', { mergedInto: 's' }), ['m'])).toBe('repeat');
  });
  it.each([
    ['unknown survivor', null, m('m'), 'BAD_USER_INPUT'],
    ['self merge', m('s'), m('s'), 'BAD_USER_INPUT'],
    ['merged elsewhere', m('s'), m('m', { mergedInto: 'x' }), 'CONFLICT'],
    ['survivor not a root', m('s', { mergedInto: 'x' }), m('m'), 'CONFLICT'],
  ])('refuses %s', (_name, s, merged, code) => {
    try {
      checkMerge(s, merged, ['m']);
      throw new Error('expected refusal');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe(code);
    }
  });
  it('refuses a cycle', () => expect(() => checkMerge(m('s'), m('m'), ['m', 's'])).toThrow(/group/));
});

describe('groupScope', () => {
  it('unions stores and regions', () => {
    expect(
      groupScope([
        m('a', { ownStoreIds: ['s1'], ownRegions: ['east'] }),
        m('b', { ownStoreIds: ['s3', 's1'], ownRegions: ['north'] }),
      ]),
    ).toEqual({ storeIds: ['s1', 's3'], regions: ['east', 'north'] });
  });
});
