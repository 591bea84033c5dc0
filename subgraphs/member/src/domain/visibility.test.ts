import type { Claims } from '@zhongtai/contracts';
import { canSeeMember, type MemberScope } from './visibility.js';

const m: MemberScope = { id: 'm1', tenant: 'demo', storeIds: ['store-sh-001'], regions: ['east'] };
const c = (x: Partial<Claims>): Claims => ({ tenant: 'demo', role: 'HQ', ...x }) as Claims;

describe('member visibility', () => {
  it('HQ and SYSTEM see the whole tenant, never another', () => {
    expect(canSeeMember(c({ role: 'HQ' }), m)).toBe(true);
    expect(canSeeMember(c({ role: 'SYSTEM' }), m)).toBe(true);
    expect(canSeeMember(c({ role: 'HQ', tenant: 'other' }), m)).toBe(false);
  });
  it('a member sees only itself', () => {
    expect(canSeeMember(c({ role: 'MEMBER', memberId: 'm1' }), m)).toBe(true);
    expect(canSeeMember(c({ role: 'MEMBER', memberId: 'm2' }), m)).toBe(false);
  });
  it('a clerk sees members of its store only', () => {
    expect(canSeeMember(c({ role: 'CLERK', storeId: 'store-sh-001' }), m)).toBe(true);
    expect(canSeeMember(c({ role: 'CLERK', storeId: 'store-bj-001' }), m)).toBe(false);
  });
  it('a manager sees members of its region only', () => {
    expect(canSeeMember(c({ role: 'STORE_MANAGER', region: 'east' }), m)).toBe(true);
    expect(canSeeMember(c({ role: 'STORE_MANAGER', region: 'north' }), m)).toBe(false);
  });
});
