import { type Channel, MemberConsentChanged } from '@zhongtai/contracts';
import {
  type Clock,
  type Outbox,
  type RequestContext,
  groupByKeys,
  loader,
  makeEvent,
} from '@zhongtai/subgraph-kit';
import { consentSource, latestPerChannel } from '../domain/consent.js';
import type { ConsentDoc, MemberDoc } from '../domain/records.js';
import type { ProfileRepository } from '../store/profile-repository.js';
import type { MemberDirectory } from './directory.js';

/** Consent to marketing per channel (R-ID-6), recorded with who recorded it; `member.consentChanged`. */
export class ConsentService {
  constructor(
    private readonly dir: MemberDirectory,
    private readonly repo: ProfileRepository,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  private consents(ctx: RequestContext) {
    return loader<string, ConsentDoc[]>(ctx, 'member:consents', async (ids) =>
      groupByKeys(ids, await this.repo.consentsOf(ctx.tenant, ids), (d) => d.memberId),
    );
  }

  /** The consents of a member's merge group, the latest per channel (batched per request). */
  async consentsOfMember(ctx: RequestContext, root: MemberDoc): Promise<ConsentDoc[]> {
    const lists = await this.consents(ctx).loadMany(this.dir.group(root));
    return latestPerChannel(lists.flatMap((l) => (l instanceof Error ? [] : l)));
  }

  async setConsent(
    ctx: RequestContext,
    memberId: string,
    channel: Channel,
    granted: boolean,
  ): Promise<MemberDoc> {
    const root = await this.dir.rootOrFail(ctx, memberId);
    await this.record(ctx.tenant, root._id, channel, granted, consentSource(ctx.claims));
    return root;
  }

  /**
   * Opt-ins reported as the customer was met (`identifyMember`'s `consents`): granted only on channels
   * where the member has made no choice yet (a recorded opt-out, or anyone else's record, stands).
   * Idempotent: a grant this source recorded before is announced again under the same event id (the
   * outbox keeps one), so a crash between the write and its event loses neither.
   */
  async grantUnset(tenant: string, memberId: string, channels: Channel[], source: string): Promise<void> {
    if (!channels.length) return;
    const recorded = new Map((await this.repo.consentsOf(tenant, [memberId])).map((c) => [c.channel, c]));
    for (const channel of channels) {
      const before = recorded.get(channel);
      if (before && !(before.granted && before.source === source)) continue;
      const id = `member.consentChanged:${tenant}|${memberId}|${channel}|joined`;
      await this.record(tenant, memberId, channel, true, source, id, !before);
    }
  }

  private async record(
    tenant: string,
    memberId: string,
    channel: Channel,
    granted: boolean,
    source: string,
    id?: string,
    write = true,
  ): Promise<void> {
    if (write) await this.repo.setConsent(tenant, memberId, channel, granted, source, this.clock.now());
    await this.outbox.emit(
      makeEvent(MemberConsentChanged, {
        ...(id ? { id } : {}),
        tenant,
        key: memberId,
        producer: 'member',
        clock: this.clock,
        payload: { memberId, channel, granted, source },
      }),
    );
  }
}
