import { ordersWorld } from './testing/orders-world.js';

/**
 * A history batch whose buyers the member center will not identify yet because it is pacing imports
 * (RATE_LIMITED: its consumers are behind) is refused as a whole, with the retry hint, and nothing of
 * it is written — it is sent again later — instead of its orders waiting for their buyers and being
 * finished one by one by the resume job long after the import (which kept the store metrics' days
 * changing under every query of a million-order import).
 */
const w = ordersWorld();

const IMPORT =
  'mutation($i: ImportOrdersInput!) { importOrders(input: $i) { created existing rejected { index code } } }';

it('refuses the batch with RATE_LIMITED and writes nothing; sent again, it is imported whole', async () => {
  const batch = { orders: [0, 1, 2, 3].map((i) => w.order(`refused-${i}`)) };
  w.memberCenterBusy = true;
  const refused = await w.api.query(IMPORT, { i: batch }, w.system);
  expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 1000 });

  // nothing of the refused try was kept: every order of the batch is new when it comes again
  w.memberCenterBusy = false;
  const again = await w.api.query<{ importOrders: unknown }>(IMPORT, { i: batch }, w.system);
  expect(again.data?.importOrders).toEqual({ created: 4, existing: 0, rejected: [] });
});
