import type { Connection } from 'mongoose';
import { type AccountDoc, accountKey, pointsModels } from './models.js';

export class AccountRepository {
  private readonly m: ReturnType<typeof pointsModels>;
  constructor(db: Connection) {
    this.m = pointsModels(db);
  }

  async init(): Promise<void> {
    await this.m.Account.init();
  }

  async accounts(tenant: string, memberIds: readonly string[]): Promise<AccountDoc[]> {
    return this.m.Account.find({ _id: { $in: memberIds.map((id) => accountKey(tenant, id)) } }).lean<
      AccountDoc[]
    >();
  }
}
