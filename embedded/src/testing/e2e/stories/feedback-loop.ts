import { beforeAll, describe, expect, it } from '@jest/globals';
import { DAY, HOUR, type E2E } from '../harness.js';
import { freshPhone, identify, ingest } from '../ops.js';

const SURVEYS = 'query($id: ID!) { member(id: $id) { surveys(first: 10) { nodes { id status } } } }';
const ANSWER = `mutation($i: SurveyAnswerInput!) { submitSurveyAnswer(input: $i) { tagsAdded
  followUp { kind recommendedSkus { code } ticket { id status openedAt dueAt } notifiedStore { id } } } }`;

interface Answer {
  tagsAdded: string[];
  followUp: {
    kind: string;
    recommendedSkus: Array<{ code: string }>;
    ticket: { id: string; status: string; openedAt: string; dueAt: string } | null;
    notifiedStore: { id: string } | null;
  };
}

/** Seed 004: after an order, its survey; an unhappy answer is followed up to a resolved ticket, a happy one gets suggestions. */
export function feedbackLoop(e2e: E2E): void {
  describe('004: order → survey → answer → follow-up', () => {
    /** a customer of store-sh-001 who consented to the app's messages, with an order of today */
    async function customerWithSurvey(
      lines: Array<{ sku: string; quantity: number; unitPrice: number }>,
      earlier?: { sku: string; daysAgo: number },
    ) {
      const system = await e2e.token({ role: 'SYSTEM', sub: 'adapter:pos' });
      const hq = await e2e.token({ role: 'HQ' });
      const phone = freshPhone();
      const who = await identify(e2e, system, {
        channel: 'APP',
        externalId: `app-${phone}`,
        phone,
        storeId: 'store-sh-001',
        consents: ['APP'],
      });
      const buyer = { channel: 'APP', externalId: `app-${phone}` };
      if (earlier)
        await ingest(e2e, system, {
          externalId: `004-old-${phone}`,
          storeId: 'store-sh-001',
          buyer,
          lines: [{ sku: earlier.sku, quantity: 1, unitPrice: 1800 }],
          placedAt: new Date(e2e.now().getTime() - earlier.daysAgo * DAY),
        });
      const order = await ingest(e2e, system, {
        externalId: `004-${phone}`,
        storeId: 'store-sh-001',
        buyer,
        lines,
      });
      const surveyId = `${e2e.tenant}|order:${order.id}`;
      // fresh bakery is surveyed the same day: the scheduler (every 5 s) sends it
      await e2e.until('the survey sent', async () => {
        const r = await e2e.gql<{ member: { surveys: { nodes: Array<{ id: string; status: string }> } } }>(
          hq,
          SURVEYS,
          { id: who.member.id },
        );
        return r.member.surveys.nodes.find((s) => s.id === surveyId && s.status === 'SENT');
      });
      const member = await e2e.token({ role: 'MEMBER', memberId: who.member.id, channel: 'APP' });
      return { memberId: who.member.id, member, surveyId, orderId: order.id, hq };
    }

    // no quiet hours for this brand's messages (the default, 21:00–09:00 in Shanghai, would hold a survey overnight)
    beforeAll(async () => {
      await e2e.gql(
        await e2e.token({ role: 'HQ' }),
        'mutation { setCareSettings(input: { quietHours: { start: "00:00", end: "00:00" } }) { slaHours } }',
      );
    });

    it('an unhappy answer: tags, an apology, the store told, a ticket the clerk answers and resolves inside 72 hours', async () => {
      const c = await customerWithSurvey([{ sku: 'SKU-0003', quantity: 2, unitPrice: 1500 }]);
      const answer = (
        await e2e.gql<{ submitSurveyAnswer: Answer }>(c.member, ANSWER, {
          i: { surveyId: c.surveyId, score: 2, comment: '太甜了，而且排队很慢' },
        })
      ).submitSurveyAnswer;
      expect(answer.tagsAdded).toEqual(expect.arrayContaining(['不满意:fresh-bakery', '口味偏甜', '嫌慢']));
      expect(answer.followUp).toMatchObject({
        kind: 'APOLOGY',
        notifiedStore: { id: 'store-sh-001' },
        ticket: { status: 'OPEN' },
      });
      const ticket = answer.followUp.ticket!;
      expect(Date.parse(ticket.dueAt) - Date.parse(ticket.openedAt)).toBe(72 * HOUR);
      // the member's profile carries the survey's tags
      await e2e.until('the survey tags on the member', async () => {
        const r = await e2e.gql<{ member: { tags: Array<{ name: string }> } }>(
          c.hq,
          'query($id: ID!) { member(id: $id) { tags { name } } }',
          { id: c.memberId },
        );
        return r.member.tags.some((t) => t.name === '嫌慢') ? true : undefined;
      });

      // the store's clerk finds the ticket, answers the customer, and resolves it
      const clerk = await e2e.token({ role: 'CLERK', storeId: 'store-sh-001', sub: 'clerk-care' });
      const open = await e2e.gql<{ tickets: { nodes: Array<{ id: string }> } }>(
        clerk,
        '{ tickets(storeId: "store-sh-001", open: true, first: 100) { nodes { id } } }',
      );
      expect(open.tickets.nodes.map((t) => t.id)).toContain(ticket.id);
      const responded = await e2e.gql<{ respondToTicket: { status: string } }>(
        clerk,
        'mutation($t: ID!) { respondToTicket(ticketId: $t, message: "非常抱歉，已为您登记，下次到店补送一份。") { status } }',
        { t: ticket.id },
      );
      expect(responded.respondToTicket.status).toBe('WAITING_ON_CUSTOMER');
      await e2e.advance(5 * HOUR);
      const resolved = await e2e.gql<{
        resolveTicket: { status: string; openedAt: string; resolvedAt: string; breached: boolean };
      }>(
        clerk,
        'mutation($t: ID!) { resolveTicket(ticketId: $t, resolution: "已致电并补送") { status openedAt resolvedAt breached } }',
        { t: ticket.id },
      );
      expect(resolved.resolveTicket).toMatchObject({ status: 'RESOLVED', breached: false });
      const took =
        Date.parse(resolved.resolveTicket.resolvedAt) - Date.parse(resolved.resolveTicket.openedAt);
      expect(took).toBeGreaterThanOrEqual(5 * HOUR);
      expect(took).toBeLessThan(72 * HOUR);
    }, 120_000);

    it('a happy answer: suggestions of the category not bought in 90 days and in stock', async () => {
      // bought SKU-0001 a hundred days ago (long enough to suggest again), SKU-0002 today
      const c = await customerWithSurvey([{ sku: 'SKU-0002', quantity: 1, unitPrice: 2200 }], {
        sku: 'SKU-0001',
        daysAgo: 100,
      });
      const answer = (
        await e2e.gql<{ submitSurveyAnswer: Answer }>(c.member, ANSWER, {
          i: { surveyId: c.surveyId, score: 5, comment: '很新鲜' },
        })
      ).submitSurveyAnswer;
      expect(answer.followUp.kind).toBe('RECOMMENDATION');
      expect(answer.followUp.ticket).toBeNull();
      expect(answer.tagsAdded).toEqual(expect.arrayContaining(['满意:fresh-bakery']));
      // fresh-bakery is SKU-0001…0010, all in stock at the store (the WMS): the first three not bought lately
      expect(answer.followUp.recommendedSkus.map((s) => s.code)).toEqual([
        'SKU-0001',
        'SKU-0003',
        'SKU-0004',
      ]);
    }, 120_000);
  });
}
