import type { NormalisedMember } from '@zhongtai/contracts';
import { createCrmSimulator } from './crm-simulator.js';
import { sampleCrmData } from './sample-data.js';

const m: NormalisedMember = { source: 'crm', externalId: 'CRM000001', channel: 'STORE' };

describe('crm simulator', () => {
  it('is deterministic', () => {
    expect(sampleCrmData({ seed: 3 })).toEqual(sampleCrmData({ seed: 3 }));
    expect(sampleCrmData({ seed: 3 })).not.toEqual(sampleCrmData({ seed: 4 }));
  });

  it('refuses records the CRM could not hold, instead of holding something else', () => {
    const make =
      (members: NormalisedMember[], balances = []) =>
      () =>
        createCrmSimulator({ members, balances });
    expect(make([{ ...m, source: 'erp' }])).toThrow(/source/);
    expect(make([{ ...m, channel: 'TAOBAO' }])).toThrow(/TAOBAO/);
    expect(make([{ ...m, phone: '138-0000-1234' }])).toThrow(/phone/);
    expect(make([{ ...m, joinedAt: '2024-01-01T00:00:00.500Z' }])).toThrow(/whole seconds/);
    expect(make([m, m])).toThrow(/twice/);
    const balance = {
      source: 'crm',
      memberExternalId: 'CRM000001',
      channel: 'STORE' as const,
      balance: 5,
      asOf: '2024-01-01T00:00:00Z',
    };
    expect(() => createCrmSimulator({ members: [], balances: [balance] })).toThrow(/no such member/);
    expect(() => createCrmSimulator({ members: [m], balances: [{ ...balance, channel: 'APP' }] })).toThrow(
      /channel/,
    );
    expect(() => createCrmSimulator({ members: [m], balances: [{ ...balance, balance: 1.5 }] })).toThrow(
      /integer/,
    );
    expect(() => createCrmSimulator({ members: [m] }, { storeCodes: { A: 's1', B: 's1' } })).toThrow(
      /two codes/,
    );
  });
});
