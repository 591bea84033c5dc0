import type { Claims } from '@zhongtai/contracts';
import { type MemberScope, decide } from './decide.js';

const c = (x: Partial<Claims> & Pick<Claims, 'role'>): Claims => ({ tenant: 'demo', ...x }) as Claims;
const sh: MemberScope = { memberId: 'm1', rootId: 'm1', storeIds: ['sh-1'], regions: ['east'] };
const merged: MemberScope = { memberId: 'm0', rootId: 'm1', storeIds: ['sh-1'], regions: ['east'] };

describe('decide: the one scope rule', () => {
  it('lets tenant-wide roles act on anything in their tenant', () => {
    for (const role of ['HQ', 'SYSTEM'] as const) {
      expect(decide(c({ role }), { memberId: 'x' }, { member: null })).toBe(true);
      expect(decide(c({ role }), { tenant: true }, {})).toBe(true);
    }
  });

  it('confines a MEMBER to itself, including ids merged into it', () => {
    const me = c({ role: 'MEMBER', memberId: 'm1' });
    expect(decide(me, { memberId: 'm1' }, {})).toBe(true);
    expect(decide(me, { member: merged }, {})).toBe(true); // m0 resolves to m1
    expect(decide(me, { memberId: 'm2' }, { member: { ...sh, memberId: 'm2', rootId: 'm2' } })).toBe(false);
    // a token of a merged-away id still reaches its survivor
    const old = c({ role: 'MEMBER', memberId: 'm0' });
    expect(decide(old, { member: sh }, { self: merged })).toBe(true);
    expect(decide(old, { member: sh }, { self: { ...merged, rootId: 'm0' } })).toBe(false);
    expect(decide(me, { storeId: 'sh-1' }, {})).toBe(false);
    expect(decide(me, { tenant: true }, {})).toBe(false);
  });

  it('gives a whole region to its STORE_MANAGER only (and tenant-wide roles)', () => {
    expect(decide(c({ role: 'STORE_MANAGER', region: 'east' }), { wholeRegion: 'east' }, {})).toBe(true);
    expect(decide(c({ role: 'STORE_MANAGER', region: 'north' }), { wholeRegion: 'east' }, {})).toBe(false);
    expect(decide(c({ role: 'CLERK', storeId: 'sh-1' }), { wholeRegion: 'east' }, {})).toBe(false);
    expect(decide(c({ role: 'MEMBER', memberId: 'm1' }), { wholeRegion: 'east' }, {})).toBe(false);
    expect(decide(c({ role: 'HQ' }), { wholeRegion: 'east' }, {})).toBe(true);
  });

  it('confines a CLERK to its store and the members who joined or bought there', () => {
    const clerk = c({ role: 'CLERK', storeId: 'sh-1' });
    expect(decide(clerk, { storeId: 'sh-1' }, {})).toBe(true);
    expect(decide(clerk, { storeId: 'bj-1' }, {})).toBe(false);
    expect(decide(clerk, { memberId: 'm1' }, { member: sh })).toBe(true);
    expect(decide(c({ role: 'CLERK', storeId: 'bj-1' }), { memberId: 'm1' }, { member: sh })).toBe(false);
    expect(decide(clerk, { memberId: 'ghost' }, { member: null })).toBe(false);
    // an order: its store or its buyer
    expect(decide(clerk, { storeId: 'bj-1', memberId: 'm1' }, { member: sh })).toBe(true);
    expect(decide(clerk, { tenant: true }, {})).toBe(false);
  });

  it('confines a STORE_MANAGER to its region', () => {
    const east = c({ role: 'STORE_MANAGER', region: 'east' });
    expect(decide(east, { storeId: 'sh-2' }, { storeRegion: 'east' })).toBe(true);
    expect(decide(east, { storeId: 'bj-1' }, { storeRegion: 'north' })).toBe(false);
    expect(decide(east, { storeId: 'x' }, { storeRegion: null })).toBe(false);
    expect(decide(east, { storeId: 'sh-2', region: 'east' }, {})).toBe(true);
    expect(decide(east, { memberId: 'm1' }, { member: sh })).toBe(true);
    expect(decide(c({ role: 'STORE_MANAGER', region: 'north' }), { memberId: 'm1' }, { member: sh })).toBe(
      false,
    );
  });

  it('lets any role with the right to call act when nothing is targeted', () => {
    expect(decide(c({ role: 'CLERK', storeId: 's' }), {}, {})).toBe(true);
  });
});
