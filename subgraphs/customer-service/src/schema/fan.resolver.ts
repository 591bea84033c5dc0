import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '@zhongtai/subgraph-kit';
import type { FanService } from '../service/fan-service.js';
import { Questionnaire, QuestionnaireInput, QuestionnaireSummary } from './fan.types.js';

/** Fan operations (R-CS-6); who may call what: policy.ts. */
@Resolver(() => Questionnaire)
export class FanResolver {
  constructor(private readonly fans: FanService) {}

  @Mutation(() => Questionnaire, {
    description: 'HQ: a questionnaire to every member of a segment, sent like a survey. Idempotent by id.',
  })
  async sendQuestionnaire(
    @Arg('input', () => QuestionnaireInput) input: QuestionnaireInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Questionnaire> {
    return Questionnaire.from(await this.fans.send(ctx.tenant, input));
  }

  @Query(() => QuestionnaireSummary, {
    nullable: true,
    description: "A questionnaire's answers per store: one store (its staff) or all of them (HQ).",
  })
  async questionnaireSummary(
    @Arg('id', () => ID) id: string,
    @Arg('storeId', () => ID, { nullable: true }) storeId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<QuestionnaireSummary | null> {
    const s = await this.fans.summary(ctx.tenant, id, storeId);
    return s && QuestionnaireSummary.from(s);
  }
}
