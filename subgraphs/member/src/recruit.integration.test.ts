import {
  IDENTIFY,
  api,
  code,
  identify,
  published,
  setUpMemberCenter,
  system,
} from './testing/member-world.js';

setUpMemberCenter();

/** A clerk's QR code (导购, R-ID-4): the member it creates is announced with its recruiting clerk. */
describe('identifyMember with recruitedBy', () => {
  const identified = (externalId: string) =>
    published
      .filter(
        (e) =>
          e.type === 'member.identified' && (e.payload as { externalId: string }).externalId === externalId,
      )
      .map((e) => e.payload as { created: boolean; recruitedBy?: string });

  it('announces the clerk with the member its QR code created, and only then', async () => {
    await identify({
      channel: 'WECHAT',
      externalId: 'oW-recruit-1',
      storeId: 'store-sh-001',
      recruitedBy: 'clerk-7',
    });
    expect(identified('oW-recruit-1')).toEqual([
      expect.objectContaining({ created: true, recruitedBy: 'clerk-7' }),
    ]);
    // found again through another clerk's code: not created, so nobody's recruit
    await identify({ channel: 'APP', externalId: 'app-recruit-1', storeId: 'store-sh-001' });
    await identify({
      channel: 'APP',
      externalId: 'app-recruit-1',
      storeId: 'store-sh-001',
      recruitedBy: 'clerk-8',
    });
    expect(identified('app-recruit-1').every((p) => p.recruitedBy === undefined)).toBe(true);
  });

  it('needs the store the clerk works at', async () => {
    const r = await api.query(
      IDENTIFY,
      { i: { channel: 'WECHAT', externalId: 'oW-recruit-2', recruitedBy: 'clerk-7' } },
      system,
    );
    expect(code(r)).toBe('BAD_USER_INPUT');
  });
});
