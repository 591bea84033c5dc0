import { DomainError, ErrorCode, type StockLevel, type WmsAdapter } from '@zhongtai/contracts';
import { type Cache, type Logger, type RequestContext, loader } from '@zhongtai/subgraph-kit';
import type { Availability } from '../domain/stock.js';
import type { InventoryRepository } from '../store/inventory-repository.js';

const pairKey = (tenant: string, sku: string, location: string) => `${tenant}|${sku}|${location}`;

/**
 * Stock at one location, read live from the WMS through its adapter (R-IN-1): batched (every
 * (sku, location) of a request in one WMS call), cached for `ttlSeconds`, and recorded as the last
 * known value. When the WMS does not answer, the last known value is served with `stale: true` and
 * its time; without one, the read fails with UPSTREAM_UNAVAILABLE (there is no safe fallback).
 */
export class LiveStock {
  constructor(
    private readonly wms: WmsAdapter,
    private readonly repo: InventoryRepository,
    private readonly cache: Cache,
    private readonly logger: Logger,
    private readonly ttlSeconds = 30,
  ) {}

  at(ctx: RequestContext, sku: string, locationId: string): Promise<Availability> {
    return loader<string, Availability>(ctx, 'inventory:live', (keys) => this.batch(ctx.tenant, keys)).load(
      `${sku}|${locationId}`,
    );
  }

  private async batch(tenant: string, keys: readonly string[]): Promise<Array<Availability | Error>> {
    const pairs = keys.map((k) => {
      const [sku, locationId] = k.split('|');
      return { sku, locationId };
    });
    // the cache never fails a request: unreachable (Redis down), everything is a miss
    const cached = await this.cache
      .getMany<Availability>(pairs.map((p) => `stock:${pairKey(tenant, p.sku, p.locationId)}`))
      .catch(() => [] as Array<Availability | undefined>);
    const result = new Map<string, Availability>();
    const missing = pairs.filter((p, i) => {
      const hit = cached[i];
      if (hit) result.set(`${p.sku}|${p.locationId}`, { ...hit, asOf: new Date(hit.asOf) });
      return !hit;
    });
    if (missing.length) {
      let live: StockLevel[] | null = null;
      try {
        live = await this.wms.getStock(missing);
      } catch (error) {
        this.logger.warn({ err: error }, 'WMS did not answer: serving last known stock');
      }
      if (live) {
        for (const s of live) {
          const a = { onHand: s.onHand, available: s.available, asOf: new Date(s.asOf), stale: false };
          result.set(`${s.sku}|${s.locationId}`, a);
          await this.cache
            .set(`stock:${pairKey(tenant, s.sku, s.locationId)}`, a, this.ttlSeconds)
            .catch(() => undefined);
          await this.repo.recordStock({
            tenant,
            code: s.sku,
            locationId: s.locationId,
            onHand: s.onHand,
            available: s.available,
            asOf: new Date(s.asOf),
          });
        }
      } else {
        const known = await this.repo.stockAt(
          tenant,
          missing.map((m) => ({ code: m.sku, locationId: m.locationId })),
        );
        for (const k of known)
          result.set(`${k.code}|${k.locationId}`, {
            onHand: k.onHand,
            available: k.available,
            asOf: new Date(k.asOf),
            stale: true,
          });
      }
    }
    return keys.map(
      (k) =>
        result.get(k) ??
        new DomainError(
          ErrorCode.UPSTREAM_UNAVAILABLE,
          `the WMS did not answer and no stock of ${k.replace('|', ' at ')} is known`,
        ),
    );
  }
}
