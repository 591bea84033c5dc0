import { createHash } from 'node:crypto';
import { SkuChanged, badInput } from '@zhongtai/contracts';
import {
  type Clock,
  type Outbox,
  type RequestContext,
  byKeys,
  groupByKeys,
  loader,
  makeEvent,
} from '@zhongtai/subgraph-kit';
import type { InventoryRepository } from '../store/inventory-repository.js';
import type { LiveStock } from './live-stock.js';
import type { SkuDoc, StockDoc } from '../store/models.js';

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
  async availability(ctx: RequestContext, code: string, locationId?: string | null) {
    if (locationId && this.live) return this.live.at(ctx, code, locationId);
    const rows = (await this.stock(ctx).load(code)).filter((r) => !locationId || r.locationId === locationId);
    return {
      onHand: rows.reduce((n, r) => n + r.onHand, 0),
      available: rows.reduce((n, r) => n + r.available, 0),
      asOf: rows.reduce<Date | null>((t, r) => (!t || r.asOf < t ? r.asOf : t), null) ?? this.clock.now(),
      stale: false,
    };
  }

  async upsertSku(tenant: string, input: { code: string; name: string; category: string }): Promise<void> {
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(input.code))
      throw badInput('SKU code must be 1..64 letters, digits, dot, dash or underscore', { field: 'code' });
    if (!input.name.trim() || !input.category.trim()) throw badInput('name and category must not be empty');
    await this.repo.upsertSku(tenant, input.code, input.name, input.category);
    const version = createHash('sha256').update(`${input.name}|${input.category}`).digest('hex').slice(0, 12);
    await this.outbox.emit(
      makeEvent(SkuChanged, {
        id: `sku.changed:${tenant}:${input.code}:${version}`,
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
    if (input.onHand < 0 || input.available < 0 || input.available > input.onHand)
      throw badInput('stock must satisfy 0 <= available <= onHand');
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
