import { randomUUID } from 'node:crypto';
import { type Channel, MemberIdentified, badInput } from '@zhongtai/contracts';
import {
  type Clock,
  type Outbox,
  type RequestContext,
  byKeys,
  groupByKeys,
  loader,
  makeEvent,
} from '@zhongtai/subgraph-kit';
import { normalizePhone } from '../domain/pii.js';
import { canSeeMember } from '../domain/visibility.js';
import type { MemberRepository } from '../store/member-repository.js';
import type { IdentityDoc, MemberDoc, StoreDoc } from '../store/models.js';

export interface IdentifyInput {
  channel: Channel;
  externalId: string;
  phone?: string | null;
  displayName?: string | null;
  storeId?: string | null;
}

export interface IdentifyResult {
  member: MemberDoc;
  created: boolean;
  linked: boolean;
}

const PRODUCER = 'member';

export class MemberService {
  constructor(
    private readonly repo: MemberRepository,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /** The member, if it exists in the caller's tenant and the caller may see it; else null. */
  async visibleMember(ctx: RequestContext, id: string): Promise<MemberDoc | null> {
    const doc = await this.members(ctx).load(id);
    return doc && canSeeMember(ctx.claims, { ...doc, id: doc._id }) ? doc : null;
  }

  members(ctx: RequestContext) {
    return loader<string, MemberDoc | null>(ctx, 'member:byId', async (ids) =>
      byKeys(ids, await this.repo.membersByIds(ctx.tenant, ids), (d) => d._id),
    );
  }

  identities(ctx: RequestContext) {
    return loader<string, IdentityDoc[]>(ctx, 'member:identities', async (ids) =>
      groupByKeys(ids, await this.repo.identitiesOf(ctx.tenant, ids), (d) => d.memberId),
    );
  }

  stores(ctx: RequestContext) {
    return loader<string, StoreDoc | null>(ctx, 'member:stores', async (ids) =>
      byKeys(ids, await this.repo.storesByIds(ctx.tenant, ids), (d) => d.storeId),
    );
  }

  async memberByIdentity(
    ctx: RequestContext,
    channel: Channel,
    externalId: string,
  ): Promise<MemberDoc | null> {
    const identity = await this.repo.identity(ctx.tenant, channel, externalId);
    return identity ? this.visibleMember(ctx, identity.memberId) : null;
  }

  async memberByPhone(ctx: RequestContext, rawPhone: string): Promise<MemberDoc | null> {
    const owner = await this.repo.phoneOwner(ctx.tenant, normalizePhone(rawPhone));
    return owner ? this.visibleMember(ctx, owner) : null;
  }

  async upsertStore(tenant: string, input: { id: string; name: string; region: string }): Promise<void> {
    for (const [field, value] of Object.entries(input)) {
      if (!value || value.length > 64) throw badInput(`store ${field} must be 1..64 characters`, { field });
    }
    await this.repo.upsertStore(tenant, input.id, input.name, input.region);
  }

  /**
   * Finds or creates the member behind a channel identity (R-ID-1), linking by phone to an existing
   * member (R-ID-2). Safe under concurrency: the identity and the phone are claimed through primary
   * keys, so two channels racing with the same phone end with one member.
   */
  async identify(ctx: RequestContext, input: IdentifyInput): Promise<IdentifyResult> {
    const tenant = ctx.tenant;
    const clean = validate(input);
    const store = clean.storeId ? await this.stores(ctx).load(clean.storeId) : null;
    if (clean.storeId && !store) throw badInput(`Unknown store ${clean.storeId}`, { field: 'storeId' });

    for (let attempt = 0; attempt < 5; attempt++) {
      const now = this.clock.now();
      const existing = await this.repo.identity(tenant, clean.channel, clean.externalId);
      if (existing) {
        const member = await this.touch(ctx, existing.memberId, clean, store, now);
        if (member) return { member, created: false, linked: false };
        continue; // the member was a losing racer's and is gone: look again
      }
      if (clean.phone) {
        const owner = await this.repo.phoneOwner(tenant, clean.phone);
        if (owner) {
          const link = await this.repo.linkIdentity({
            tenant,
            channel: clean.channel,
            externalId: clean.externalId,
            memberId: owner,
            linkedAt: now,
          });
          const member = await this.touch(ctx, link.memberId, clean, store, now);
          if (!member) continue;
          if (link.inserted) await this.emitIdentified(ctx, member._id, clean, false, true);
          return { member, created: false, linked: link.inserted };
        }
      }
      const result = await this.create(ctx, clean, store, now);
      if (result) return result;
    }
    throw new Error('identify did not settle after 5 attempts');
  }

  private async create(
    ctx: RequestContext,
    clean: CleanInput,
    store: StoreDoc | null,
    now: Date,
  ): Promise<IdentifyResult | null> {
    const tenant = ctx.tenant;
    const id = randomUUID();
    const doc: MemberDoc = {
      _id: id,
      tenant,
      displayName: clean.displayName,
      joinedAt: now,
      joinedChannel: clean.channel,
      joinedStoreId: store?.storeId,
      storeIds: store ? [store.storeId] : [],
      regions: store ? [store.region] : [],
      createdAt: now,
      updatedAt: now,
    };
    await this.repo.insertMember(doc);
    const link = await this.repo.linkIdentity({
      tenant,
      channel: clean.channel,
      externalId: clean.externalId,
      memberId: id,
      linkedAt: now,
    });
    if (!link.inserted) {
      await this.repo.deleteMember(tenant, id);
      return null; // another request created this identity first
    }
    if (clean.phone) {
      const owner = await this.repo.claimPhone(tenant, clean.phone, id, now);
      if (owner !== id) {
        // the phone already belongs to a member: this identity joins it (R-ID-2)
        await this.repo.relinkIdentity(tenant, clean.channel, clean.externalId, id, owner);
        await this.repo.deleteMember(tenant, id);
        return null;
      }
      await this.repo.setPhoneIfMissing(tenant, id, clean.phone, now);
      doc.phone = clean.phone;
    }
    await this.emitIdentified(ctx, id, clean, true, false);
    return { member: doc, created: true, linked: false };
  }

  /** Loads a member for a repeat identify, recording a new store visit and a phone it lacked. */
  private async touch(
    ctx: RequestContext,
    memberId: string,
    clean: CleanInput,
    store: StoreDoc | null,
    now: Date,
  ) {
    const member = (await this.repo.membersByIds(ctx.tenant, [memberId]))[0];
    if (!member) return null;
    if (store && !member.storeIds.includes(store.storeId)) {
      await this.repo.addStore(ctx.tenant, memberId, store.storeId, store.region, now);
      member.storeIds = [...member.storeIds, store.storeId];
      if (!member.regions.includes(store.region)) member.regions = [...member.regions, store.region];
    }
    if (
      clean.phone &&
      !member.phone &&
      (await this.repo.claimPhone(ctx.tenant, clean.phone, memberId, now)) === memberId
    ) {
      await this.repo.setPhoneIfMissing(ctx.tenant, memberId, clean.phone, now);
      member.phone = clean.phone;
    }
    return member;
  }

  private async emitIdentified(
    ctx: RequestContext,
    memberId: string,
    clean: CleanInput,
    created: boolean,
    linked: boolean,
  ) {
    await this.outbox.emit(
      makeEvent(MemberIdentified, {
        id: `member.identified:${ctx.tenant}|${clean.channel}|${clean.externalId}`,
        tenant: ctx.tenant,
        key: memberId,
        producer: PRODUCER,
        clock: this.clock,
        payload: {
          memberId,
          channel: clean.channel,
          externalId: clean.externalId,
          storeId: clean.storeId,
          created,
          linked,
        },
      }),
    );
  }
}

interface CleanInput {
  channel: Channel;
  externalId: string;
  phone?: string;
  displayName?: string;
  storeId?: string;
}

function validate(input: IdentifyInput): CleanInput {
  const externalId = input.externalId?.trim();
  if (!externalId || externalId.length > 128)
    throw badInput('externalId must be 1..128 characters', { field: 'externalId' });
  const displayName = input.displayName?.trim() || undefined;
  if (displayName && displayName.length > 64)
    throw badInput('displayName must be at most 64 characters', { field: 'displayName' });
  return {
    channel: input.channel,
    externalId,
    phone: input.phone ? normalizePhone(input.phone) : undefined,
    displayName,
    storeId: input.storeId?.trim() || undefined,
  };
}
