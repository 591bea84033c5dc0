import { type Connection, type Model, Schema } from 'mongoose';
import { insertRaw, isDuplicateKey, modelOn } from '@zhongtai/subgraph-kit';
import type { MergeProposalDoc, ProposalStatus } from '../domain/records.js';

const proposal = new Schema<MergeProposalDoc>(
  {
    _id: String,
    tenant: { type: String, required: true },
    survivorId: String,
    mergedId: String,
    phone: String,
    reason: String,
    proposedBy: String,
    storeId: String,
    status: String,
    createdAt: Date,
    decidedAt: Date,
    decidedBy: String,
    mergeId: String,
  },
  { versionKey: false },
);
proposal.index({ tenant: 1, status: 1, createdAt: -1 });

/** Merge proposals: recorded once per pair, decided once. */
export class ProposalRepository {
  private readonly model: Model<MergeProposalDoc>;

  constructor(db: Connection) {
    this.model = modelOn(db, 'MergeProposal', proposal, 'merge_proposals');
  }

  async init(): Promise<void> {
    await this.model.createIndexes();
  }

  /** Records a proposal; a repeat of an open one (same pair) changes nothing and returns it. */
  async propose(doc: MergeProposalDoc): Promise<MergeProposalDoc> {
    try {
      await insertRaw(this.model, doc);
      return doc;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      return (await this.byId(doc.tenant, doc._id))!;
    }
  }

  async byId(tenant: string, id: string): Promise<MergeProposalDoc | null> {
    return this.model.findOne({ _id: id, tenant }).lean<MergeProposalDoc>();
  }

  async list(tenant: string, status: ProposalStatus, limit: number): Promise<MergeProposalDoc[]> {
    return this.model
      .find({ tenant, status })
      .sort({ createdAt: -1 })
      .limit(limit)
      .lean<MergeProposalDoc[]>();
  }

  /** Moves an open proposal to its decision; false when it was decided already. */
  async decide(
    tenant: string,
    id: string,
    status: Exclude<ProposalStatus, 'OPEN'>,
    by: string,
    at: Date,
    mergeId?: string,
  ): Promise<boolean> {
    const r = await this.model.updateOne(
      { _id: id, tenant, status: 'OPEN' },
      { $set: { status, decidedBy: by, decidedAt: at, ...(mergeId ? { mergeId } : {}) } },
    );
    return r.modifiedCount === 1;
  }
}
