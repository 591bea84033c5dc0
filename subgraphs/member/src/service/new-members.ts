import { randomUUID } from 'node:crypto';
import { type EventEnvelope, MemberIdentified } from '@zhongtai/contracts';
import { type Clock, type Outbox, type RequestContext, makeEvent } from '@zhongtai/subgraph-kit';
import type { CleanIdentify } from '../domain/identify.js';
import { type IdentityDoc, type MemberDoc, type StoreDoc, key } from '../domain/records.js';
import type { MemberDirectory } from './directory.js';

/** A new member's document, as an identify creates it (no phone yet: it is claimed after). */
export function newMemberDoc(
  tenant: string,
  clean: CleanIdentify,
  store: StoreDoc | null,
  now: Date,
): MemberDoc {
  const stores = store ? [store.storeId] : [];
  const regions = store ? [store.region] : [];
  return {
    _id: randomUUID(),
    tenant,
    displayName: clean.displayName,
    joinedAt: now,
    joinedChannel: clean.channel,
    joinedStoreId: store?.storeId,
    ...(clean.birthday ? { birthday: clean.birthday } : {}),
    ownStoreIds: stores,
    ownRegions: regions,
    storeIds: stores,
    regions,
    absorbed: [],
    createdAt: now,
    updatedAt: now,
  };
}

/** `member.identified` for an identity, from what its link recorded (`pending`). */
export function identifiedEvent(identity: Omit<IdentityDoc, '_id'>, clock: Clock): EventEnvelope {
  const { tenant, channel, externalId, memberId } = identity;
  const { created, storeId, recruitedBy } = identity.pending!;
  return makeEvent(MemberIdentified, {
    id: `member.identified:${tenant}|${channel}|${externalId}`,
    tenant,
    key: memberId,
    producer: 'member',
    clock,
    payload: {
      memberId,
      channel,
      externalId,
      storeId,
      created,
      linked: !created,
      ...(created && recruitedBy ? { recruitedBy } : {}),
    },
  });
}

/** A customer none of whose identity or phone is known: created in a batch. */
export interface NewCustomer {
  index: number;
  clean: CleanIdentify;
  store: StoreDoc | null;
}

/**
 * Many new customers at once (a history import's buyers, a members file), each as `identify` creates
 * one, with a constant number of commands: the members in one insert, their identities in one (each
 * with its announcement record, as one identify leaves it), their phones claimed in one and set in
 * one, their `member.identified` events in one outbox write and the records cleared in one. Those that
 * lose a race (an identity or phone someone took meanwhile) are undone and left out: the caller
 * identifies them one by one, which finds what the other took.
 */
export class NewMembers {
  constructor(
    private readonly dir: MemberDirectory,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  /** The members created, by the customer's index. */
  async create(ctx: RequestContext, customers: NewCustomer[]): Promise<Map<number, MemberDoc>> {
    const tenant = ctx.tenant;
    const repo = this.dir.repo;
    const now = this.clock.now();
    const rows = customers.map((c) => {
      const doc = newMemberDoc(tenant, c.clean, c.store, now);
      const link = {
        tenant,
        channel: c.clean.channel,
        externalId: c.clean.externalId,
        memberId: doc._id,
        linkedAt: now,
        pending: { created: true, storeId: c.clean.storeId, recruitedBy: c.clean.recruitedBy },
        pendingAt: now,
      };
      return { ...c, doc, link };
    });
    await repo.insertMembers(rows.map((r) => r.doc));
    const linked = await repo.linkIdentities(rows.map((r) => r.link));
    const isLinked = (r: (typeof rows)[0]) => linked.has(key(tenant, r.link.channel, r.link.externalId));
    await repo.deleteMembers(
      tenant,
      rows.filter((r) => !isLinked(r)).map((r) => r.doc._id),
    );
    let mine = rows.filter(isLinked);
    const phoned = mine.filter((r) => r.clean.phone);
    const claimed = await repo.claimPhones(
      tenant,
      phoned.map((r) => ({ phone: r.clean.phone!, memberId: r.doc._id })),
      now,
    );
    // a phone that belongs to someone already: the identity joins its owner (R-ID-2), as in `identify`
    for (const r of phoned.filter((x) => !claimed.has(x.clean.phone!))) {
      const owner = await repo.phoneOwner(tenant, r.clean.phone!);
      if (owner) await repo.relinkIdentity(tenant, r.link.channel, r.link.externalId, r.doc._id, owner);
      await repo.deleteMember(tenant, r.doc._id);
    }
    mine = mine.filter((r) => !r.clean.phone || claimed.has(r.clean.phone));
    const phones = mine.flatMap((r) =>
      r.clean.phone ? [{ memberId: r.doc._id, phone: r.clean.phone }] : [],
    );
    await repo.setPhones(tenant, phones, now);
    for (const r of mine) if (r.clean.phone) r.doc.phone = r.clean.phone;
    const announced = mine.map((r) => r.link);
    if (announced.length) await this.outbox.emit(...announced.map((l) => identifiedEvent(l, this.clock)));
    await repo.identitiesAnnounced(tenant, announced);
    return new Map(mine.map((r) => [r.index, r.doc]));
  }
}
