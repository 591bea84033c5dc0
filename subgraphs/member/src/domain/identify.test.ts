import { DomainError } from '@zhongtai/contracts';
import { checkStore, cleanIdentify } from './identify.js';

describe('cleanIdentify', () => {
  it('trims, normalises the phone and drops empty values', () => {
    expect(
      cleanIdentify({
        channel: 'WECHAT',
        externalId: ' openid-1 ',
        phone: '+86 138-1234-5678',
        displayName: '  ',
        storeId: ' store-sh-001 ',
      }),
    ).toEqual({
      channel: 'WECHAT',
      externalId: 'openid-1',
      phone: '13812345678',
      displayName: undefined,
      storeId: 'store-sh-001',
    });
  });
  it.each([
    [{ externalId: '  ' }],
    [{ externalId: 'x'.repeat(129) }],
    [{ externalId: 'a', displayName: 'n'.repeat(65) }],
    [{ externalId: 'a', phone: '12345' }],
  ])('rejects %j', (input) => {
    expect(() => cleanIdentify({ channel: 'APP', ...input })).toThrow(DomainError);
  });
});

describe('checkStore', () => {
  it('accepts 1..64 characters for id, name and region', () => {
    expect(() => checkStore({ id: 'store-sh-001', name: 'Shanghai 1', region: 'east' })).not.toThrow();
  });
  it('names the field it rejects', () => {
    expect(() => checkStore({ id: 'store-sh-001', name: ' ', region: 'east' })).toThrow(/store name/);
    expect(() => checkStore({ id: 's', name: 'n', region: 'r'.repeat(65) })).toThrow(/store region/);
  });
});
