import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { type Clock, type RequestContext, pageOf } from '@zhongtai/subgraph-kit';
import type { SurveyReads } from '../service/survey-reads.js';
import type { TicketService } from '../service/ticket-service.js';
import { QuestionnaireAnswer } from './fan.types.js';
import { Member, Survey, SurveyConnection, Ticket } from './types.js';

/** The fields customer service adds to the member (who may read them: policy.ts). */
@Resolver(() => Member)
export class MemberCareResolver {
  constructor(
    private readonly ticketService: TicketService,
    private readonly surveyService: SurveyReads,
    private readonly clock: Clock,
  ) {}

  @FieldResolver(() => [Ticket])
  async tickets(
    @Root() m: Member,
    @Ctx() ctx: RequestContext,
    @Arg('open', () => Boolean, { nullable: true }) open?: boolean | null,
  ): Promise<Ticket[]> {
    const now = this.clock.now();
    return (await this.ticketService.ofMember(ctx, m.id, open)).map((t) => Ticket.from(t, now));
  }

  @FieldResolver(() => SurveyConnection)
  async surveys(
    @Root() m: Member,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<SurveyConnection> {
    const surveys = await this.surveyService.ofMember(ctx, m.id);
    return SurveyConnection.from(pageOf(surveys, first, after, Survey.from));
  }

  @FieldResolver(() => [QuestionnaireAnswer], { description: 'Questionnaires of fan operations sent to it.' })
  async questionnaires(@Root() m: Member, @Ctx() ctx: RequestContext): Promise<QuestionnaireAnswer[]> {
    return (await this.surveyService.questionnairesOf(ctx, m.id)).map(QuestionnaireAnswer.from);
  }
}
