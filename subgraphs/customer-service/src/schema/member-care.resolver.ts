import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { type Clock, type RequestContext, pageOf } from '@zhongtai/subgraph-kit';
import { isBreached } from '../domain/sla.js';
import type { CareService } from '../service/care-service.js';
import type { SurveyDoc, TicketDoc } from '../store/models.js';
import { Member, Order, Store, Survey, SurveyConnection, Ticket } from './types.js';

export function toTicket(d: TicketDoc, now: Date): Ticket {
  return Object.assign(new Ticket(), {
    id: d._id,
    member: Object.assign(new Member(), { id: d.memberId }),
    order: d.orderId ? Object.assign(new Order(), { id: d.orderId }) : null,
    store: d.storeId ? Object.assign(new Store(), { id: d.storeId }) : null,
    status: d.status,
    subject: d.subject,
    openedAt: d.openedAt,
    firstResponseAt: d.firstResponseAt ?? null,
    dueAt: d.dueAt,
    breached: isBreached(d, now),
    resolvedAt: d.resolvedAt ?? null,
  });
}

export function toSurvey(d: SurveyDoc): Survey {
  return Object.assign(new Survey(), {
    id: d._id,
    order: Object.assign(new Order(), { id: d.orderId }),
    member: Object.assign(new Member(), { id: d.memberId }),
    status: d.status,
    scheduledFor: d.scheduledFor,
    score: d.score ?? null,
    comment: d.comment ?? null,
    answeredAt: d.answeredAt ?? null,
  });
}

@Resolver(() => Member)
export class MemberCareResolver {
  constructor(
    private readonly service: CareService,
    private readonly clock: Clock,
  ) {}

  @FieldResolver(() => [Ticket])
  async tickets(
    @Root() m: Member,
    @Ctx() ctx: RequestContext,
    @Arg('open', () => Boolean, { nullable: true }) open?: boolean | null,
  ): Promise<Ticket[]> {
    const now = this.clock.now();
    const docs = await this.service.tickets(ctx, m.id);
    return docs
      .filter((t) => open == null || (t.status !== 'RESOLVED') === open)
      .map((t) => toTicket(t, now));
  }

  @FieldResolver(() => SurveyConnection)
  async surveys(
    @Root() m: Member,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<SurveyConnection> {
    return Object.assign(
      new SurveyConnection(),
      pageOf(await this.service.surveys(ctx, m.id), first, after, toSurvey),
    );
  }
}
