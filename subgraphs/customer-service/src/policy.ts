import {
  ALL_ROLES,
  type RequestContext,
  STAFF_ROLES,
  type Subject,
  TENANT_ROLES,
  definePolicies,
} from '@zhongtai/subgraph-kit';
import type { SurveyReads } from './service/survey-reads.js';
import type { TicketService } from './service/ticket-service.js';

const ofMember = (_args: unknown, root: { id: string }) => ({ memberId: root.id });
const MEMBER_SCOPE = 'the member: MEMBER itself, CLERK its store, STORE_MANAGER its region';
/** unknown ids are answered for the whole tenant only (NOT_FOUND for HQ/SYSTEM, FORBIDDEN otherwise) */
const unknown: Subject = { tenant: true };

/**
 * Who may read and act on surveys and tickets: the only authorization of this subgraph (services
 * check nothing). A member's tickets and surveys are in the scope of that member (the kit's
 * `decide`): a MEMBER its own (any id of its merge group), a CLERK those of its store's members, a
 * STORE_MANAGER those of its region's, HQ and SYSTEM the tenant's; out of scope is FORBIDDEN. A
 * ticket is also in scope through its store.
 */
export function customerServicePolicies(surveys: SurveyReads, tickets: TicketService) {
  const ofSurvey = async (id: string, ctx: RequestContext): Promise<Subject> => {
    const s = await surveys.get(ctx, id);
    return s ? { memberId: s.memberId } : unknown;
  };
  const ofTicket = async (id: string, ctx: RequestContext): Promise<Subject> => {
    const t = await tickets.get(ctx, id);
    return t ? { memberId: t.memberId, storeId: t.storeId } : unknown;
  };
  return definePolicies({
    'Member.tickets': { roles: ALL_ROLES, target: ofMember, scope: MEMBER_SCOPE },
    'Member.surveys': { roles: ALL_ROLES, target: ofMember, scope: MEMBER_SCOPE },
    'Member.questionnaires': { roles: ALL_ROLES, target: ofMember, scope: MEMBER_SCOPE },
    'Mutation.sendQuestionnaire': { roles: TENANT_ROLES, scope: 'tenant (HQ fan operations)' },
    'Query.questionnaireSummary': {
      roles: STAFF_ROLES,
      target: (a: { storeId?: string | null }) => (a.storeId ? { storeId: a.storeId } : { tenant: true }),
      scope: 'CLERK its store, STORE_MANAGER a store of its region, HQ/SYSTEM any store or all',
    },
    'Mutation.submitSurveyAnswer': {
      roles: ['MEMBER', 'SYSTEM'],
      target: (a: { input: { surveyId: string } }, _r: unknown, ctx: RequestContext) =>
        ofSurvey(a.input.surveyId, ctx),
      scope: 'the member its own survey; SYSTEM (a channel backend) any',
    },
    'Mutation.openTicket': {
      roles: ALL_ROLES,
      // the member must exist and be in scope (naming one's own store does not widen it)
      target: (a: { input: { memberId: string } }) => ({ memberId: a.input.memberId, mustExist: true }),
      scope: 'the member: MEMBER itself, CLERK its store, STORE_MANAGER its region (must exist)',
    },
    'Mutation.respondToTicket': {
      roles: ALL_ROLES,
      target: (a: { ticketId: string }, _r: unknown, ctx: RequestContext) => ofTicket(a.ticketId, ctx),
      scope: 'the ticket: MEMBER its own, CLERK its store or members, STORE_MANAGER its region',
    },
    'Mutation.resolveTicket': {
      roles: STAFF_ROLES,
      target: (a: { ticketId: string }, _r: unknown, ctx: RequestContext) => ofTicket(a.ticketId, ctx),
      scope: 'the ticket: CLERK its store or members, STORE_MANAGER its region',
    },
    'Query.ticket': {
      roles: ALL_ROLES,
      result: (t: { member: { id: string }; store: { id: string } | null }) => ({
        memberId: t.member.id,
        storeId: t.store?.id ?? null,
      }),
      denied: 'null',
      scope: 'as respondToTicket',
    },
    'Query.tickets': {
      roles: STAFF_ROLES,
      target: (a: { storeId?: string | null; region?: string | null }) =>
        a.storeId ? { storeId: a.storeId } : a.region ? { wholeRegion: a.region } : { tenant: true },
      scope: 'CLERK its store, STORE_MANAGER a store of its region or the region, HQ/SYSTEM any',
    },
    'Query.surveyTemplates': { roles: STAFF_ROLES, scope: 'tenant configuration' },
    'Mutation.saveSurveyTemplate': { roles: TENANT_ROLES, scope: 'tenant' },
    'Query.careSettings': { roles: TENANT_ROLES, scope: 'tenant (store contacts)' },
    'Mutation.setCareSettings': { roles: TENANT_ROLES, scope: 'tenant (HQ; SYSTEM: the master-data seed)' },
  });
}
