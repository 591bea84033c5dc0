import type { Claims } from '@zhongtai/contracts';
import { silentLogger } from '../logging.js';
import { contextFromClaims } from '../http/serve-subgraph.js';
import { Authorizer, type ScopeSource } from './authorizer.js';

/** A source that counts lookups and can be told a scope widened (as a join would). */
class CountingSource implements ScopeSource {
  calls: Array<{ m: readonly string[]; s: readonly string[]; fresh: boolean }> = [];
  stale = new Map<string, string[]>();
  fresh = new Map<string, string[]>();
  async lookup(_t: string, m: readonly string[], s: readonly string[], fresh: boolean) {
    this.calls.push({ m, s, fresh });
    const table = fresh ? this.fresh : this.stale;
    return {
      members: m
        .filter((id) => table.has(id))
        .map((id) => ({ memberId: id, rootId: id, storeIds: table.get(id)!, regions: ['east'] })),
      stores: s.map((id) => ({ storeId: id, region: id.startsWith('sh') ? 'east' : 'north' })),
    };
  }
}
const ctx = (claims: Partial<Claims> & Pick<Claims, 'role'>) =>
  contextFromClaims({ tenant: 'demo', ...claims } as Claims, 'r', silentLogger());

describe('Authorizer', () => {
  it('costs tenant-wide roles no lookup at all', async () => {
    const source = new CountingSource();
    const authz = new Authorizer(source);
    expect(await authz.allows(ctx({ role: 'HQ' }), { memberId: 'm1' })).toBe(true);
    expect(source.calls).toHaveLength(0);
  });

  it('batches the lookups of one request into one call', async () => {
    const source = new CountingSource();
    source.stale.set('a', ['sh-1']).set('b', ['sh-1']).set('c', ['bj-1']);
    const authz = new Authorizer(source);
    const c = ctx({ role: 'CLERK', storeId: 'sh-1' });
    const answers = await Promise.all(['a', 'b', 'c'].map((id) => authz.allows(c, { memberId: id })));
    expect(answers).toEqual([true, true, false]);
    // one batched stale lookup, then one fresh re-check for the one denial
    expect(source.calls.map((x) => [x.m, x.fresh])).toEqual([
      [['a', 'b', 'c'], false],
      [['c'], true],
    ]);
  });

  it('asks the owner once more before refusing: a scope that widened a moment ago is honoured', async () => {
    const source = new CountingSource();
    source.fresh.set('new', ['sh-1']); // joined at sh-1; the cached copy does not know it yet
    const authz = new Authorizer(source);
    expect(await authz.allows(ctx({ role: 'CLERK', storeId: 'sh-1' }), { memberId: 'new' })).toBe(true);
    expect(await authz.allows(ctx({ role: 'CLERK', storeId: 'bj-1' }), { memberId: 'new' })).toBe(false);
  });

  it("looks up a store's region for a manager only when the subject does not carry it", async () => {
    const source = new CountingSource();
    const authz = new Authorizer(source);
    const east = ctx({ role: 'STORE_MANAGER', region: 'east' });
    expect(await authz.allows(east, { storeId: 'sh-9' })).toBe(true);
    expect(await authz.allows(east, { storeId: 'bj-9' })).toBe(false);
    const before = source.calls.length;
    expect(await authz.allows(east, { storeId: 'bj-9', region: 'east' })).toBe(true);
    expect(source.calls.length).toBe(before);
  });
});
