import type { Connection } from 'mongoose';
import type { EventEnvelope } from '@zhongtai/contracts';
import {
  type Clock,
  DueClaims,
  type Outbox,
  insertOnce,
  mergeUpdate,
  moveBackForUnmerge,
  moveForMerge,
} from '@zhongtai/subgraph-kit';
import type { FollowUpRecord, SendChannel, SurveyDoc } from '../domain/records.js';
import { type CareModels, careModels } from './models.js';

/** Surveys: scheduled by orders, sent by the scheduler, answered by members. */
export class SurveyRepository {
  private readonly m: CareModels;
  /** due surveys (to send, or to expire), claimed with a lease: two replicas never both send one */
  readonly due: DueClaims<SurveyDoc>;

  constructor(db: Connection, clock: Clock, owner: string) {
    this.m = careModels(db);
    this.due = new DueClaims(this.m.Survey, {
      owner,
      leaseMs: 60_000,
      clock,
    });
  }

  async init(outbox: Outbox): Promise<void> {
    await this.m.Survey.init();
    await outbox.watch(this.m.Survey);
  }

  async surveysOf(tenant: string, memberIds: readonly string[]): Promise<SurveyDoc[]> {
    return this.m.Survey.find({
      tenant,
      memberId: { $in: memberIds },
      status: { $ne: 'CANCELLED' },
      campaignId: null,
    })
      .sort({ scheduledFor: -1 })
      .lean<SurveyDoc[]>();
  }

  async get(id: string): Promise<SurveyDoc | null> {
    return this.m.Survey.findById(id).lean<SurveyDoc>();
  }

  /** A new survey; false when it exists already (the order's survey is scheduled once). */
  insert(doc: SurveyDoc): Promise<boolean> {
    return insertOnce(this.m.Survey, doc);
  }

  /** A refund before sending cancels the order's survey (a sent one stays: the member may answer). */
  async cancelForOrder(tenant: string, orderId: string, at: Date): Promise<number> {
    const r = await this.m.Survey.updateMany(
      { tenant, orderId, status: 'SCHEDULED' },
      {
        $set: { status: 'CANCELLED', dueAt: null, lastError: `cancelled by a refund at ${at.toISOString()}` },
      },
    );
    return r.modifiedCount;
  }

  /** Sent (by this claim's holder): answerable until `expiresAt`, when the scheduler expires it. */
  markSent(id: string, via: SendChannel, at: Date, expiresAt: Date): Promise<boolean> {
    return this.due.complete(id, {
      $set: { status: 'SENT', sentVia: via, sentAt: at, expiresAt, dueAt: expiresAt, attempts: 0 },
    });
  }

  markExpired(id: string): Promise<boolean> {
    return this.due.complete(id, { $set: { status: 'EXPIRED', dueAt: null } });
  }

  /**
   * Records an answer and its tags with the `survey.answered` event in one update, only while the
   * survey is SENT: of two answers racing, one wins (the other reads ANSWERED: a replay or a
   * CONFLICT). Its follow-up is written with it when known already, else it comes next
   * (`recordFollowUp`); until then the scheduler looks at it again at `retryAt`, so a crash between
   * the two never leaves an answer without its follow-up.
   */
  async answer(
    id: string,
    a: {
      score: number;
      comment: string | null;
      tags: string[];
      at: Date;
      retryAt: Date;
      followUp: FollowUpRecord | null;
    },
    events: EventEnvelope[],
  ): Promise<SurveyDoc | null> {
    return this.m.Survey.findOneAndUpdate(
      { _id: id, status: 'SENT' },
      mergeUpdate(
        {
          $set: {
            status: 'ANSWERED',
            score: a.score,
            comment: a.comment,
            answeredAt: a.at,
            tags: a.tags,
            followUp: a.followUp,
            dueAt: a.followUp ? null : a.retryAt,
            attempts: 0,
          },
        },
        events,
        a.at,
      ),
      { new: true },
    ).lean<SurveyDoc>();
  }

  /** The follow-up of an answer, once: a second one (a retry racing the scheduler) keeps the first. */
  async recordFollowUp(id: string, followUp: FollowUpRecord): Promise<SurveyDoc | null> {
    const done = await this.m.Survey.findOneAndUpdate(
      { _id: id, status: 'ANSWERED', followUp: null },
      { $set: { followUp, dueAt: null, leaseUntil: null, leaseOwner: null } },
      { new: true },
    ).lean<SurveyDoc>();
    return done ?? this.get(id);
  }

  async emit(outbox: Outbox, id: string, events: EventEnvelope[]): Promise<void> {
    await outbox.emitFrom(this.m.Survey, id, events);
  }

  async ofCampaign(tenant: string, campaignId: string, storeId?: string): Promise<SurveyDoc[]> {
    return this.m.Survey.find({ tenant, campaignId, ...(storeId ? { storeId } : {}) }).lean<SurveyDoc[]>();
  }

  /** A member's questionnaires (fan operations), newest first. */
  async questionnairesOf(tenant: string, memberIds: readonly string[]): Promise<SurveyDoc[]> {
    return this.m.Survey.find({ tenant, memberId: { $in: memberIds }, campaignId: { $ne: null } })
      .sort({ scheduledFor: -1 })
      .lean<SurveyDoc[]>();
  }

  /** Merges and their undo (the kit's `merge-moves.ts`). */
  followMerge(tenant: string, m: { mergeId: string; mergedId: string; survivorId: string }): Promise<void> {
    return moveForMerge(this.m.Survey as never, tenant, m);
  }

  followUnmerge(tenant: string, mergeId: string): Promise<void> {
    return moveBackForUnmerge(this.m.Survey as never, tenant, mergeId);
  }
}
