import { type Claims, badInput, conflict, notFound } from '@zhongtai/contracts';
import type { Clock, RequestContext } from '@zhongtai/subgraph-kit';
import { type MergeProposalDoc, type ProposalStatus, key } from '../domain/records.js';
import type { ProposalRepository } from '../store/proposal-repository.js';
import type { MergeService } from './merge-service.js';

/** `role:subject` of a person, for the audit trail. */
export function personOf(claims: Pick<Claims, 'role' | 'sub' | 'actor'>): string {
  const p = claims.role === 'SYSTEM' && claims.actor ? claims.actor : claims;
  return `${p.role.toLowerCase()}:${p.sub ?? 'unknown'}`;
}

/**
 * A phone number typed in by a person is a claim, not a proof: when it belongs to another member,
 * the two are not merged automatically (that would move one customer's points to whoever typed a
 * number) but proposed to HQ, who accepts (a normal, reversible merge) or dismisses.
 */
export class ProposalService {
  constructor(
    private readonly repo: ProposalRepository,
    private readonly merges: MergeService,
    private readonly clock: Clock,
  ) {}

  async propose(
    ctx: RequestContext,
    p: { survivorId: string; mergedId: string; phone: string; reason: string; storeId?: string },
  ): Promise<MergeProposalDoc> {
    return this.repo.propose({
      _id: key(ctx.tenant, p.survivorId, p.mergedId),
      tenant: ctx.tenant,
      survivorId: p.survivorId,
      mergedId: p.mergedId,
      phone: p.phone,
      reason: p.reason,
      proposedBy: personOf(ctx.claims),
      storeId: p.storeId,
      status: 'OPEN',
      createdAt: this.clock.now(),
    });
  }

  list(ctx: RequestContext, status: ProposalStatus, first: number): Promise<MergeProposalDoc[]> {
    if (!Number.isInteger(first) || first < 1 || first > 100)
      throw badInput('first must be between 1 and 100', { field: 'first' });
    return this.repo.list(ctx.tenant, status, first);
  }

  /** Accepts an open proposal with a merge (idempotent: accepting it again returns it as it is). */
  async accept(ctx: RequestContext, id: string): Promise<MergeProposalDoc> {
    const p = await this.get(ctx, id);
    if (p.status === 'ACCEPTED') return p;
    if (p.status === 'DISMISSED') throw conflict('This proposal was dismissed');
    const by = personOf(ctx.claims);
    const merge = await this.merges.merge(
      ctx,
      p.survivorId,
      p.mergedId,
      `accepted proposal: ${p.reason}`.slice(0, 200),
      by,
    );
    await this.repo.decide(ctx.tenant, id, 'ACCEPTED', by, this.clock.now(), merge._id);
    return (await this.repo.byId(ctx.tenant, id))!;
  }

  async dismiss(ctx: RequestContext, id: string): Promise<MergeProposalDoc> {
    const p = await this.get(ctx, id);
    if (p.status === 'DISMISSED') return p;
    if (p.status === 'ACCEPTED') throw conflict('This proposal was accepted (undo its merge instead)');
    await this.repo.decide(ctx.tenant, id, 'DISMISSED', personOf(ctx.claims), this.clock.now());
    return (await this.repo.byId(ctx.tenant, id))!;
  }

  private async get(ctx: RequestContext, id: string): Promise<MergeProposalDoc> {
    const p = await this.repo.byId(ctx.tenant, id.trim());
    if (!p) throw notFound(`no merge proposal ${id}`);
    return p;
  }
}
