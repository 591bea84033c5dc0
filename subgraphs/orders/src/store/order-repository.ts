import type { Connection } from 'mongoose';
import { type OrderDoc, orderModels } from './models.js';

export class OrderRepository {
  private readonly m: ReturnType<typeof orderModels>;
  constructor(db: Connection) {
    this.m = orderModels(db);
  }

  async init(): Promise<void> {
    await this.m.Order.init();
  }

  async byIds(tenant: string, ids: readonly string[]): Promise<OrderDoc[]> {
    return this.m.Order.find({ tenant, _id: { $in: ids } }).lean<OrderDoc[]>();
  }

  /** Orders of several members at once, newest first (one query for a whole page of members). */
  async ofMembers(tenant: string, memberIds: readonly string[]): Promise<OrderDoc[]> {
    return this.m.Order.find({ tenant, memberId: { $in: memberIds } })
      .sort({ placedAt: -1 })
      .lean<OrderDoc[]>();
  }
}
