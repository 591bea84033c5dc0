import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar, build, ref } from '@zhongtai/subgraph-kit';
import type { StoreSummary } from '../domain/questionnaire.js';
import type { QuestionnaireDoc, SurveyDoc, SurveyStatus } from '../domain/records.js';
import { Store, SurveyStatusEnum } from './types.js';

@ObjectType('Questionnaire', { description: 'A questionnaire sent to a segment of loyal members (R-CS-6).' })
export class Questionnaire {
  @Field(() => ID) id!: string;
  @Field(() => String) title!: string;
  @Field(() => ID) segmentId!: string;
  @Field(() => String) category!: string;
  @Field(() => [String]) questions!: string[];
  @Field(() => Int, { description: 'members it was sent to' }) members!: number;
  @Field(() => DateTimeScalar) createdAt!: Date;

  static from(q: QuestionnaireDoc): Questionnaire {
    return build(Questionnaire, {
      id: q.questionnaireId,
      title: q.title,
      segmentId: q.segmentId,
      category: q.category,
      questions: q.questions,
      members: q.members,
      createdAt: q.createdAt,
    });
  }
}

@ObjectType('StoreFeedback', {
  description: "A questionnaire's answers at one store (no store: members without one).",
})
export class StoreFeedback {
  @Field(() => Store, { nullable: true }) store!: InstanceType<typeof Store> | null;
  @Field(() => Int) sent!: number;
  @Field(() => Int) answered!: number;
  @Field(() => Int) satisfied!: number;
  @Field(() => Int) unsatisfied!: number;
  @Field(() => Float, { nullable: true }) averageScore!: number | null;
  @Field(() => [String], { description: 'the tags the answers gave most' }) topTags!: string[];

  static from(s: StoreSummary): StoreFeedback {
    return build(StoreFeedback, { ...s, store: s.storeId ? ref(Store, s.storeId) : null });
  }
}

@ObjectType('QuestionnaireSummary')
export class QuestionnaireSummary {
  @Field(() => Questionnaire) questionnaire!: Questionnaire;
  @Field(() => [StoreFeedback]) stores!: StoreFeedback[];

  static from(s: { questionnaire: QuestionnaireDoc; stores: StoreSummary[] }): QuestionnaireSummary {
    return build(QuestionnaireSummary, {
      questionnaire: Questionnaire.from(s.questionnaire),
      stores: s.stores.map(StoreFeedback.from),
    });
  }
}

@InputType('QuestionnaireInput')
export class QuestionnaireInput {
  @Field(() => ID, { description: 'chosen by HQ; sending again with the same id and body changes nothing' })
  id!: string;
  @Field(() => String) title!: string;
  @Field(() => ID) segmentId!: string;
  @Field(() => String, { description: "the category whose template's keywords tag the comments" })
  category!: string;
  @Field(() => [String]) questions!: string[];
}

@ObjectType('QuestionnaireAnswer', {
  description: "A member's questionnaire: answer it with submitSurveyAnswer.",
})
export class QuestionnaireAnswer {
  @Field(() => ID, { description: 'the survey id to answer with' }) surveyId!: string;
  @Field(() => ID) questionnaireId!: string;
  @Field(() => SurveyStatusEnum) status!: SurveyStatus;
  @Field(() => Int, { nullable: true }) score!: number | null;
  @Field(() => String, { nullable: true }) comment!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) answeredAt!: Date | null;

  static from(s: SurveyDoc): QuestionnaireAnswer {
    return build(QuestionnaireAnswer, {
      surveyId: s._id,
      questionnaireId: s.campaignId!,
      status: s.status === 'CANCELLED' ? 'EXPIRED' : s.status,
      score: s.score,
      comment: s.comment,
      answeredAt: s.answeredAt,
    });
  }
}
