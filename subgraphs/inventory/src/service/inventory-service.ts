import { SkuChanged } from '@zhongtai/contracts';
import {
  type Clock,
  type Outbox,
  type RequestContext,
  byKeys,
  groupByKeys,
  loader,
  makeEvent,
} from '@zhongtai/subgraph-kit';
import { checkSku, skuVersion } from '../domain/catalogue.js';
import type { SkuDoc, StockDoc } from '../domain/records.js';
import { type Availability, checkReading, sumReadings } from '../domain/stock.js';
import type { InventoryRepository } from '../store/inventory-repository.js';
import type { LiveStock } from './live-stock.js';

/** The catalogue (SKUs, `sku.changed`) and stock: last known readings, live through the WMS when one is connected. */
export class InventoryService {
  constructor(
    private readonly repo: InventoryRepository,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly live?: LiveStock,
  ) {}

  skus(ctx: RequestContext) {
    return loader<string, SkuDoc | null>(ctx, 'inventory:sku', async (codes) =>
      byKeys(codes, await this.repo.skus(ctx.tenant, codes), (d) => d.code),
    );
  }

  stock(ctx: RequestContext) {
    return loader<string, StockDoc[]>(ctx, 'inventory:stock', async (codes) =>
      groupByKeys(codes, await this.repo.stockOf(ctx.tenant, codes), (d) => d.code),
    );
  }

  /**
   * Stock of a SKU at one location — live from the WMS when one is connected, with the last known
   * value as the fallback — or, without a location, summed over the last known values of all locations.
   */
  async availability(ctx: RequestContext, code: string, locationId?: string | null): Promise<Availability> {
    if (locationId && this.live) return this.live.at(ctx, code, locationId);
    const rows = (await this.stock(ctx).load(code)).filter((r) => !locationId || r.locationId === locationId);
    return sumReadings(rows, this.clock.now());
  }

  async upsertSku(tenant: string, input: { code: string; name: string; category: string }): Promise<void> {
    checkSku(input);
    await this.repo.upsertSku(tenant, input.code, input.name, input.category);
    await this.outbox.emit(
      makeEvent(SkuChanged, {
        id: `sku.changed:${tenant}:${input.code}:${skuVersion(input.name, input.category)}`,
        tenant,
        key: input.code,
        producer: 'inventory',
        clock: this.clock,
        payload: { sku: input.code, name: input.name, category: input.category },
      }),
    );
  }

  async recordStock(
    tenant: string,
    input: { code: string; locationId: string; onHand: number; available: number; asOf?: Date | null },
  ): Promise<void> {
    checkReading(input);
    await this.repo.recordStock({
      tenant,
      code: input.code,
      locationId: input.locationId,
      onHand: input.onHand,
      available: input.available,
      asOf: input.asOf ?? this.clock.now(),
    });
  }
}
