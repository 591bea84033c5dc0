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
    const source = consentSource(ctx.claims);
    await this.repo.setConsent(ctx.tenant, root._id, channel, granted, source, this.clock.now());
    await this.outbox.emit(
      makeEvent(MemberConsentChanged, {
        tenant: ctx.tenant,
        key: root._id,
        producer: 'member',
        clock: this.clock,
        payload: { memberId: root._id, channel, granted, source },
      }),
    );
    return root;
  }
}
