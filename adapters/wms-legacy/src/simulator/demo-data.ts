import type { StockLevel } from '@zhongtai/contracts';
import { seededRandom } from '@zhongtai/adapter-kit';

/** The demo's locations and their WMS codes. */
export const DEMO_WMS_LOCATIONS: Readonly<Record<string, string>> = Object.freeze({
  'store-sh-001': 'SH001',
  'store-bj-001': 'BJ001',
  'store-gz-001': 'GZ001',
  'wh-east-01': 'WHE01',
});

/**
 * A deterministic stock table: SKU-0001… at the demo stores, `count` rows (SKU-0001 at
 * store-sh-001 always first). Some SKUs are sold by weight (3 decimals), some are out of stock,
 * some have stock allocated to orders (available < on hand); `asOf` is whole seconds.
 */
export function demoStockLevels(
  count = 60,
  seed = 7,
  asOfBase = Date.UTC(2024, 4, 1, 2, 0, 0),
): StockLevel[] {
  const rnd = seededRandom(seed);
  for (let i = 0; i < 4; i++) rnd(); // a small seed's first draws are tiny
  const stores = Object.keys(DEMO_WMS_LOCATIONS);
  const out: StockLevel[] = [];
  for (let i = 0; i < count; i++) {
    const sku = `SKU-${String(Math.floor(i / stores.length) + 1).padStart(4, '0')}`;
    const locationId = stores[i % stores.length];
    const weighed = i % 7 === 3;
    const onHand = i % 11 === 5 ? 0 : weighed ? Math.floor(rnd() * 50_000) / 1000 : Math.floor(rnd() * 500);
    const held =
      i % 3 === 0 ? 0 : weighed ? Math.floor(rnd() * onHand * 100) / 1000 : Math.floor(rnd() * onHand * 0.2);
    out.push({
      sku,
      locationId,
      onHand,
      available: Math.round((onHand - held) * 1000) / 1000,
      asOf: new Date(asOfBase - Math.floor(rnd() * 30 * 86_400) * 1000).toISOString(),
    });
  }
  return out;
}
