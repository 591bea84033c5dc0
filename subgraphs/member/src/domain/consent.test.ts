import { consentSource, latestPerChannel } from './consent.js';

describe('consentSource', () => {
  it('names the member itself, or the role and subject of whoever recorded it', () => {
    expect(consentSource({ role: 'MEMBER', sub: 'm-1' })).toBe('member');
    expect(consentSource({ role: 'CLERK', sub: 'clerk-7', storeId: 'store-sh-001' })).toBe('clerk:clerk-7');
    expect(consentSource({ role: 'CLERK', storeId: 'store-sh-001' })).toBe('clerk:store-sh-001');
    expect(consentSource({ role: 'STORE_MANAGER', region: 'east' })).toBe('store_manager:east');
    expect(consentSource({ role: 'SYSTEM' })).toBe('system:');
  });
});

describe('latestPerChannel', () => {
  it('keeps the latest consent of each channel, ordered by channel', () => {
    const c = (channel: 'APP' | 'WECHAT', granted: boolean, day: number) => ({
      channel,
      granted,
      updatedAt: new Date(Date.UTC(2026, 0, day)),
    });
    expect(latestPerChannel([c('WECHAT', true, 1), c('APP', false, 2), c('WECHAT', false, 3)])).toEqual([
      c('APP', false, 2),
      c('WECHAT', false, 3),
    ]);
  });
});
