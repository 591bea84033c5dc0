import { type EventEnvelope, StoreChanged } from '@zhongtai/contracts';
import { batchPerTenant } from './batch-per-tenant.js';

const ev = (n: number, region: string, tenant: string): EventEnvelope => ({
  id: `e-${n}`,
  type: StoreChanged.type,
  version: StoreChanged.version,
  tenant,
  occurredAt: '2026-01-01T00:00:00.000Z',
  producer: 'test',
  key: `s${n}`,
  payload: { storeId: `s${n}`, name: 'store', region },
});
const n = (e: EventEnvelope) => (e.payload as { storeId: string }).storeId;

it('applies the picked events per tenant after the others, which are handled alone in order', async () => {
  const log: string[] = [];
  const run = batchPerTenant(
    (e) => ((e.payload as { region: string }).region === 'bulk' ? n(e) : undefined),
    async (tenant, items) => void log.push(`apply ${tenant} ${items.join(',')}`),
    async (raw) => void log.push(`handle ${n(raw)}`),
  );
  await run([
    ev(1, 'bulk', 'a'),
    ev(2, 'one', 'a'),
    ev(3, 'bulk', 'b'),
    ev(4, 'bulk', 'a'),
    ev(5, 'one', 'b'),
  ]);
  expect(log).toEqual(['handle s2', 'handle s5', 'apply a s1,s4', 'apply b s3']);
});
