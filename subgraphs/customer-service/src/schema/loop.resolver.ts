import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { type Clock, type RequestContext, decodeCursor, encodeCursor } from '@zhongtai/subgraph-kit';
import type { CareServices } from '../service/services.js';
import {
  CareSettingsInput,
  CareSettingsType,
  OpenTicketInput,
  SurveyAnswerInput,
  SurveyResult,
  SurveyTemplate,
  SurveyTemplateInput,
  TicketPage,
} from './loop.types.js';
import { Ticket } from './types.js';

/** The experience loop's operations (who may call what: policy.ts). */
@Resolver()
export class LoopResolver {
  constructor(
    private readonly s: CareServices,
    private readonly clock: Clock,
  ) {}

  @Mutation(() => SurveyResult, {
    description:
      'The member answers its survey: tags at once, and a recommendation or an apology with a ticket.',
  })
  async submitSurveyAnswer(
    @Arg('input', () => SurveyAnswerInput) input: SurveyAnswerInput,
    @Ctx() ctx: RequestContext,
  ): Promise<SurveyResult> {
    const outcome = await this.s.answers.submit(ctx.tenant, input, (id) => this.s.surveys.get(ctx, id));
    const ticket =
      outcome.ticket ??
      (outcome.followUp.ticketId ? await this.s.tickets.get(ctx, outcome.followUp.ticketId) : null);
    return SurveyResult.from(outcome, ticket, this.clock.now());
  }

  @Mutation(() => Ticket, { description: 'A ticket from a channel or staff. Idempotent by key.' })
  async openTicket(
    @Arg('input', () => OpenTicketInput) input: OpenTicketInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Ticket> {
    return Ticket.from(await this.s.tickets.openBy(ctx, input), this.clock.now());
  }

  @Mutation(() => Ticket, {
    description:
      'Staff: a response (the ticket then waits on the customer, the SLA clock paused). The member: its answer (the clock runs again).',
  })
  async respondToTicket(
    @Arg('ticketId', () => ID) ticketId: string,
    @Arg('message', () => String) message: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Ticket> {
    return Ticket.from(await this.s.tickets.respond(ctx, ticketId, message), this.clock.now());
  }

  @Mutation(() => Ticket, { description: 'Staff: resolved, with the resolution.' })
  async resolveTicket(
    @Arg('ticketId', () => ID) ticketId: string,
    @Arg('resolution', () => String) resolution: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Ticket> {
    return Ticket.from(await this.s.tickets.resolve(ctx, ticketId, resolution), this.clock.now());
  }

  @Query(() => Ticket, { nullable: true })
  async ticket(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Ticket | null> {
    const t = await this.s.tickets.get(ctx, id);
    return t && Ticket.from(t, this.clock.now());
  }

  @Query(() => TicketPage, {
    description: "Staff: a store's tickets, a region's (its manager) or the tenant's (HQ), newest first.",
  })
  async tickets(
    @Ctx() ctx: RequestContext,
    @Arg('storeId', () => ID, { nullable: true }) storeId?: string | null,
    @Arg('region', () => String, { nullable: true }) region?: string | null,
    @Arg('open', () => Boolean, { nullable: true }) open?: boolean | null,
    @Arg('first', () => Int, { defaultValue: 20 }) first = 20,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<TicketPage> {
    const { tickets, total, skip } = await this.s.tickets.list(
      ctx.tenant,
      {
        storeIds: storeId
          ? [storeId]
          : region
            ? await this.s.catalogue.storesOf(ctx.tenant, region)
            : undefined,
        open,
      },
      first,
      after ? (decodeCursor<number>(after) ?? null) : null,
    );
    return TicketPage.from(tickets, total, skip, this.clock.now(), encodeCursor);
  }

  @Query(() => [SurveyTemplate], { description: 'Staff: how each product category is surveyed.' })
  async surveyTemplates(@Ctx() ctx: RequestContext): Promise<SurveyTemplate[]> {
    return (await this.s.catalogue.templates(ctx.tenant)).map(SurveyTemplate.from);
  }

  @Mutation(() => SurveyTemplate, { description: "HQ: a category's survey template." })
  async saveSurveyTemplate(
    @Arg('input', () => SurveyTemplateInput) input: SurveyTemplateInput,
    @Ctx() ctx: RequestContext,
  ): Promise<SurveyTemplate> {
    return SurveyTemplate.from(await this.s.catalogue.saveTemplate(ctx.tenant, input));
  }

  @Query(() => CareSettingsType, { description: 'HQ: SLA, escalation, quiet hours, store contacts.' })
  async careSettings(@Ctx() ctx: RequestContext): Promise<CareSettingsType> {
    return CareSettingsType.from(await this.s.catalogue.settings(ctx.tenant));
  }

  @Mutation(() => CareSettingsType, {
    description: "HQ: changes the settings given of the tenant's customer service.",
  })
  async setCareSettings(
    @Arg('input', () => CareSettingsInput) input: CareSettingsInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CareSettingsType> {
    return CareSettingsType.from(
      await this.s.catalogue.setSettings(ctx.tenant, {
        slaHours: input.slaHours ?? undefined,
        escalateToHqAfterHours: input.escalateToHqAfterHours ?? undefined,
        quietHours: input.quietHours
          ? { start: input.quietHours.start, end: input.quietHours.end }
          : undefined,
        answerWithinDays: input.answerWithinDays ?? undefined,
        storeContacts: input.storeContacts?.map((c) => ({
          storeId: c.storeId,
          channel: c.channel,
          to: c.to,
        })),
      }),
    );
  }
}
