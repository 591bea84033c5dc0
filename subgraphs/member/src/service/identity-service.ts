import { createHash } from 'node:crypto';
import { type Channel, DomainError, StoreChanged, badInput, isTrustedSource } from '@zhongtai/contracts';
import {
  type Clock,
  type ImportGate,
  type Outbox,
  type RequestContext,
  makeEvent,
} from '@zhongtai/subgraph-kit';
import { type CleanIdentify, type IdentifyInput, checkStore, cleanIdentify } from '../domain/identify.js';
import { consentSource } from '../domain/consent.js';
import { normalizePhone } from '../domain/pii.js';
import { type IdentityDoc, type MemberDoc, type StoreDoc, key } from '../domain/records.js';
import type { MemberDirectory } from './directory.js';
import type { ConsentService } from './consent-service.js';
import type { MergeService } from './merge-service.js';
import type { ProposalService } from './proposal-service.js';
import { type NewCustomer, NewMembers, identifiedEvent, newMemberDoc } from './new-members.js';

export interface IdentifyResult {
  member: MemberDoc;
  created: boolean;
  linked: boolean;
  /** a known member gained a phone or a store */
  changed?: boolean;
}

/**
 * identifyMember (R-ID-1..4): find or create the member behind a channel identity, link it by a
 * verified phone to the member that already owns the phone, keep the join store and channel.
 * Identities and phones are claimed through primary keys, so racing channels end with one member.
 */
export class IdentityService {
  constructor(
    private readonly dir: MemberDirectory,
    private readonly merges: MergeService,
    private readonly proposals: ProposalService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly onChange: (tenant: string, memberIds: string[]) => Promise<void>,
    private readonly consents: Pick<ConsentService, 'grantUnset'>,
    /** backpressure of the batch path on the event consumers (none: admitted at once) */
    private readonly gate?: Pick<ImportGate, 'admit'>,
  ) {
    this.newMembers = new NewMembers(dir, outbox, clock);
  }

  private readonly newMembers: NewMembers;

  async memberByIdentity(
    ctx: RequestContext,
    channel: Channel,
    externalId: string,
  ): Promise<MemberDoc | null> {
    const identity = await this.dir.repo.identity(ctx.tenant, channel, externalId);
    return identity ? this.dir.root(ctx, identity.memberId) : null;
  }

  async memberByPhone(ctx: RequestContext, rawPhone: string): Promise<MemberDoc | null> {
    const owner = await this.dir.repo.phoneOwner(ctx.tenant, normalizePhone(rawPhone));
    return owner ? this.dir.root(ctx, owner) : null;
  }

  async upsertStore(tenant: string, input: { id: string; name: string; region: string }): Promise<void> {
    checkStore(input);
    await this.dir.repo.upsertStore(tenant, input.id, input.name, input.region);
    const version = createHash('sha256').update(`${input.name}|${input.region}`).digest('hex').slice(0, 12);
    await this.outbox.emit(
      makeEvent(StoreChanged, {
        id: `store.changed:${tenant}:${input.id}:${version}`,
        tenant,
        key: input.id,
        producer: 'member',
        clock: this.clock,
        payload: { storeId: input.id, name: input.name, region: input.region },
      }),
    );
  }

  async identify(ctx: RequestContext, input: IdentifyInput): Promise<IdentifyResult> {
    const clean = cleanIdentify(input);
    const store = clean.storeId ? await this.dir.stores(ctx).load(clean.storeId) : null;
    if (clean.storeId && !store) throw badInput(`Unknown store ${clean.storeId}`, { field: 'storeId' });
    for (let attempt = 0; attempt < 5; attempt++) {
      const result = await this.attempt(ctx, clean, store);
      if (result) {
        // a repeat identify that changed nothing (the usual case for a returning customer) re-evaluates nothing
        if (result.created || result.linked || result.changed)
          await this.onChange(ctx.tenant, [result.member._id]);
        return result;
      }
    }
    throw new Error('identify did not settle after 5 attempts');
  }

  /**
   * Many buyers at once (a history import): their identities looked up with one read, then each
   * identified as `identify` does it (most are found: no write). One refused is answered with its
   * error, the others go on.
   */
  async identifyMany(
    ctx: RequestContext,
    inputs: IdentifyInput[],
  ): Promise<Array<{ memberId: string } | { code: string; message: string }>> {
    await this.gate?.admit(ctx.claims);
    const clean = inputs.map((i) => {
      try {
        return cleanIdentify(i);
      } catch {
        return null; // identify answers it below with its error
      }
    });
    const created = await this.createNew(ctx, clean);
    const out: Array<{ memberId: string } | { code: string; message: string }> = [];
    for (const [index, input] of inputs.entries()) {
      const doc = created.get(index);
      try {
        out.push({ memberId: doc ? doc._id : (await this.identify(ctx, input)).member._id });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        out.push({ code: error.code, message: error.message });
      }
    }
    return out;
  }

  /**
   * The customers of a batch none of whose identity or phone is known, created together
   * (`NewMembers`) and re-evaluated together; the rest (known ones, opt-ins to record, a second row of
   * the same customer) go one by one after.
   */
  private async createNew(
    ctx: RequestContext,
    clean: Array<CleanIdentify | null>,
  ): Promise<Map<number, MemberDoc>> {
    const tenant = ctx.tenant;
    const repo = this.dir.repo;
    const known = await repo.prefetchIdentities(
      tenant,
      clean.flatMap((c) => (c ? [{ channel: c.channel, externalId: c.externalId }] : [])),
    );
    const stores = new Map(
      (
        await repo.storesByIds(tenant, [...new Set(clean.flatMap((c) => (c?.storeId ? [c.storeId] : [])))])
      ).map((st) => [st.storeId, st]),
    );
    const owners = await repo.phoneOwners(tenant, [
      ...new Set(clean.flatMap((c) => (c?.phone ? [c.phone] : []))),
    ]);
    const ids = new Set<string>();
    const phones = new Set<string>();
    const fresh: NewCustomer[] = [];
    clean.forEach((c, index) => {
      if (!c || c.consents) return;
      const id = key(tenant, c.channel, c.externalId);
      if (known.has(id) || ids.has(id) || (c.storeId && !stores.has(c.storeId))) return;
      if (c.phone && (owners.has(c.phone) || phones.has(c.phone))) return;
      ids.add(id);
      if (c.phone) phones.add(c.phone);
      fresh.push({ index, clean: c, store: c.storeId ? stores.get(c.storeId)! : null });
    });
    if (fresh.length < 2) return new Map();
    const created = await this.newMembers.create(ctx, fresh);
    if (created.size)
      await this.onChange(
        tenant,
        [...created.values()].map((d) => d._id),
      );
    return created;
  }

  private async attempt(
    ctx: RequestContext,
    clean: CleanIdentify,
    store: StoreDoc | null,
  ): Promise<IdentifyResult | null> {
    const tenant = ctx.tenant;
    const repo = this.dir.repo;
    const now = this.clock.now();
    const existing = await repo.identity(tenant, clean.channel, clean.externalId);
    if (existing) {
      // its first identify died before announcing it: announce it now, as the first would have
      if (existing.pending) await this.announce(existing);
      const known = await this.known(ctx, existing.memberId, clean, store, now);
      if (known && clean.consents)
        await this.consents.grantUnset(tenant, known.member._id, clean.consents, consentSource(ctx.claims));
      return known;
    }
    if (clean.phone) {
      const owner = await repo.phoneOwner(tenant, clean.phone);
      if (owner) {
        const link = await repo.linkIdentity({
          tenant,
          channel: clean.channel,
          externalId: clean.externalId,
          memberId: owner,
          linkedAt: now,
          pending: { created: false, storeId: clean.storeId, ...this.optIns(ctx, clean) },
          pendingAt: now,
        });
        const known = await this.known(ctx, link.memberId, clean, store, now);
        if (!known) return null;
        if (link.inserted)
          await this.announce((await repo.identity(tenant, clean.channel, clean.externalId))!);
        return { ...known, linked: link.inserted || known.linked };
      }
    }
    return this.create(ctx, clean, store, now);
  }

  private async create(
    ctx: RequestContext,
    clean: CleanIdentify,
    store: StoreDoc | null,
    now: Date,
  ): Promise<IdentifyResult | null> {
    const tenant = ctx.tenant;
    const repo = this.dir.repo;
    const doc = newMemberDoc(tenant, clean, store, now);
    await repo.insertMember(doc);
    const link = await repo.linkIdentity({
      tenant,
      channel: clean.channel,
      externalId: clean.externalId,
      memberId: doc._id,
      linkedAt: now,
      // the recruiting clerk counts only for a member its QR code created
      pending: {
        created: true,
        storeId: clean.storeId,
        recruitedBy: clean.recruitedBy,
        ...this.optIns(ctx, clean),
      },
      pendingAt: now,
    });
    if (!link.inserted) {
      await repo.deleteMember(tenant, doc._id);
      return null; // another request created this identity first
    }
    if (clean.phone) {
      const owner = await repo.claimPhone(tenant, clean.phone, doc._id, now);
      if (owner !== doc._id) {
        // the phone already belongs to a member: this identity joins it (R-ID-2)
        await repo.relinkIdentity(tenant, clean.channel, clean.externalId, doc._id, owner);
        await repo.deleteMember(tenant, doc._id);
        return null;
      }
      await repo.setPhoneIfMissing(tenant, doc._id, clean.phone, now);
      doc.phone = clean.phone;
    }
    await this.announce((await repo.identity(tenant, clean.channel, clean.externalId))!);
    return { member: doc, created: true, linked: false };
  }

  /**
   * A repeat identify of a known member: records a new store visit and a phone it lacked. When
   * that phone already belongs to another member, the two are the same customer: reported by a
   * trusted source (an adapter, a verified channel), the member is merged into the phone's owner
   * automatically (reversible like any merge); typed in by a person, the merge is proposed to HQ.
   */
  private async known(
    ctx: RequestContext,
    memberId: string,
    clean: CleanIdentify,
    store: StoreDoc | null,
    now: Date,
  ): Promise<IdentifyResult | null> {
    const tenant = ctx.tenant;
    const repo = this.dir.repo;
    let root = await this.dir.root(ctx, memberId);
    if (!root) return null;
    let linked = false;
    let changed = false;
    if (clean.phone && !root.phone) {
      const owner = await repo.claimPhone(tenant, clean.phone, root._id, now);
      if (owner === root._id) {
        await repo.setPhoneIfMissing(tenant, root._id, clean.phone, now);
        changed = true;
      } else {
        const ownerRoot = await this.dir.root(ctx, owner);
        if (ownerRoot && ownerRoot._id !== root._id) {
          const reason = `shared phone (${clean.channel} ${clean.externalId})`;
          if (isTrustedSource(ctx.claims)) {
            await this.merges.merge(ctx, ownerRoot._id, root._id, `automatic: ${reason}`, 'auto');
            linked = true;
          } else {
            await this.proposals.propose(ctx, {
              survivorId: ownerRoot._id,
              mergedId: root._id,
              phone: clean.phone,
              reason,
              storeId: clean.storeId ?? ctx.claims.storeId ?? ctx.claims.actor?.storeId,
            });
          }
        }
      }
    }
    if (clean.birthday && !root.birthday) {
      await repo.setBirthdayIfMissing(tenant, root._id, clean.birthday, now);
      changed = true;
    }
    if (store && !(root.ownStoreIds ?? []).includes(store.storeId)) {
      changed = true;
      await this.dir.addStore(tenant, (await repo.member(tenant, root._id))!, store, now);
    }
    root = await repo.member(tenant, root._id);
    if (root?.mergedInto) root = await this.rootOf(tenant, root);
    return root ? { member: root, created: false, linked, changed } : null;
  }

  private async rootOf(tenant: string, doc: MemberDoc): Promise<MemberDoc> {
    const chain = await this.dir.ancestors(tenant, doc);
    return chain.length ? chain[chain.length - 1] : doc;
  }

  /** The opt-ins an identify reports, kept with its link until the announcement records them. */
  private optIns(ctx: RequestContext, clean: CleanIdentify) {
    return clean.consents ? { consents: clean.consents, consentSource: consentSource(ctx.claims) } : {};
  }

  /**
   * `member.identified` for an identity, from what its link recorded (`pending`), then the record
   * cleared: a crash in between is announced again by a retry or `resume` (the event id is
   * deterministic, so the outbox keeps one).
   */
  private async announce(identity: IdentityDoc): Promise<void> {
    if (!identity.pending) return;
    const { tenant, channel, externalId, memberId } = identity;
    const { consents, consentSource: source } = identity.pending;
    // its opt-ins first: whoever acts on the announcement (a welcome) finds them recorded
    if (consents) await this.consents.grantUnset(tenant, memberId, consents, source ?? 'system:');
    await this.outbox.emit(identifiedEvent(identity, this.clock));
    await this.dir.repo.identityAnnounced(tenant, channel, externalId);
  }

  /** Announces identities whose first identify died before it could (the member subgraph's job). */
  async resume(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - 2_000);
    const waiting = await this.dir.repo.unannouncedIdentities(before);
    for (const identity of waiting) await this.announce(identity);
    return waiting.length;
  }
}
