/**
 * One call per operation of the API, aimed at a target: the security matrix runs each of them for
 * every role against a target in the caller's scope and one outside it. An operation of the composed
 * API without an entry here fails the matrix, so a new operation cannot ship untested.
 */
export interface Target {
  /** a member, and a second one of the same scope (merges) */
  memberId: string;
  otherMemberId: string;
  phone: string;
  identity: { channel: string; externalId: string };
  storeId: string;
  /** an order of `memberId` at `storeId` */
  orderId: string;
  orderExternalId: string;
  /** a ticket of `memberId` at `storeId` */
  ticketId: string;
  /** the survey `orderId` scheduled (its category has a template: SURVEY_TEMPLATE) */
  surveyId: string;
}

export interface Call {
  query: string;
  variables?: Record<string, unknown>;
  /** false: the call names no member, store or order (only the role decides) */
  targeted: boolean;
}

let n = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++n}`;
const untargeted = (query: string, variables?: Record<string, unknown>): Call => ({
  query,
  variables,
  targeted: false,
});
const at = (query: string, variables: Record<string, unknown>): Call => ({
  query,
  variables,
  targeted: true,
});

/** Every field of the member view, one from each subgraph: each entity field's policy is exercised too. */
export const MEMBER_VIEW = `id phone displayName points { balance } growth { value } orderStats { orderCount }
  orders { totalCount } tickets { id } surveys { totalCount } coupons { id } feed(channel: APP) { id }`;
const RULE = { match: 'ALL', conditions: [{ fact: 'tag', op: 'HAS', value: 'never-matches' }] };
const DAY = 86_400_000;
/** The survey template of the fixtures' SKU category, in force: saving it again changes nothing. */
export const SURVEY_TEMPLATE = { category: 'c1', delayDays: 0, questions: ['How was it?'] };

export const CALLS: Record<string, (t: Target) => Call> = {
  'Query.accessScopes': (t) =>
    at('query($m: [ID!]!) { accessScopes(memberIds: $m, storeIds: []) { members { memberId } } }', {
      m: [t.memberId],
    }),
  // a clerk's counts at the target's store (the matrix's clerks are not that clerk: only HQ, SYSTEM and
  // the store's manager read them)
  'Query.clerkStats': (t) =>
    at('query($s: ID!) { clerkStats(storeId: $s, clerkId: "matrix-clerk") { joins } }', { s: t.storeId }),
  'Query.campaign': () => untargeted('{ campaign(id: "campaign-welcome") { id } }'),
  'Query.careSettings': () => untargeted('{ careSettings { slaHours storeContacts { storeId } } }'),
  'Query.earningRules': () => untargeted('{ earningRules { pointsPerYuan } }'),
  'Query.grantLimits': () => untargeted('{ grantLimits { maxPointsPerGrant } }'),
  'Query.heldOrderPoints': () => untargeted('{ heldOrderPoints { orderId } }'),
  'Query.lifecycleFunnel': (t) =>
    at('query($s: ID) { lifecycleFunnel(storeId: $s) { total } }', { s: t.storeId }),
  'Query.me': () => untargeted(`{ me { ${MEMBER_VIEW} } }`),
  'Query.member': (t) => at(`query($id: ID!) { member(id: $id) { ${MEMBER_VIEW} } }`, { id: t.memberId }),
  'Query.memberByIdentity': (t) =>
    at('query($c: Channel!, $e: String!) { memberByIdentity(channel: $c, externalId: $e) { id phone } }', {
      c: t.identity.channel,
      e: t.identity.externalId,
    }),
  'Query.memberByPhone': (t) =>
    at('query($p: String!) { memberByPhone(phone: $p) { id phone } }', { p: t.phone }),
  'Query.memberMerges': (t) =>
    at('query($m: ID!) { memberMerges(memberId: $m) { id mergedMemberId } }', { m: t.memberId }),
  'Query.membersByIds': (t) =>
    at('query($ids: [ID!]!) { membersByIds(ids: $ids) { id phone points { balance } } }', {
      ids: [t.memberId],
    }),
  'Query.mergeProposals': () => untargeted('{ mergeProposals { id } }'),
  'Query.order': (t) =>
    at('query($id: ID!) { order(id: $id) { id total { amount } member { id } } }', { id: t.orderId }),
  'Query.pointsDrift': (t) =>
    at('query($l: [LegacyBalanceInput!]!) { pointsDrift(source: "crm", legacy: $l) { memberId } }', {
      l: [{ memberId: t.memberId, balance: 1 }],
    }),
  'Query.pointsReconciliation': (t) =>
    at('query($m: ID) { pointsReconciliation(memberId: $m) { checked } }', { m: t.memberId }),
  'Query.relationshipMatrix': (t) =>
    at('query($s: ID) { relationshipMatrix(storeId: $s) { total } }', { s: t.storeId }),
  'Query.segment': () => untargeted('{ segment(id: "seg-none") { id } }'),
  'Query.segments': () => untargeted('{ segments { id } }'),
  'Query.sku': () => untargeted('{ sku(code: "SKU-0001") { code } }'),
  'Query.skus': () => untargeted('{ skus(codes: ["SKU-0001", "SKU-0002"]) { code } }'),
  'Query.store': () => untargeted('{ store(id: "store-sh-001") { id name } }'),
  'Query.storeMetrics': (t) =>
    at(
      'query($s: ID, $f: DateTime!, $t: DateTime!) { storeMetrics(storeId: $s, from: $f, to: $t) { orderCount } }',
      {
        s: t.storeId,
        f: new Date(Date.now() - 30 * DAY).toISOString(),
        t: new Date(Date.now() + DAY).toISOString(),
      },
    ),
  'Query.questionnaireSummary': (t) =>
    at(
      'query($s: ID) { questionnaireSummary(id: "no-such-questionnaire", storeId: $s) { stores { sent } } }',
      {
        s: t.storeId,
      },
    ),
  'Query.surveyTemplates': () => untargeted('{ surveyTemplates { category questions } }'),
  'Query.tagRules': () => untargeted('{ tagRules { tag } }'),
  'Query.ticket': (t) =>
    at('query($id: ID!) { ticket(id: $id) { id subject member { id } store { id } } }', { id: t.ticketId }),
  'Query.tickets': (t) =>
    at('query($s: ID) { tickets(storeId: $s) { totalCount nodes { id member { id } } } }', { s: t.storeId }),

  'Mutation.acceptMergeProposal': () =>
    untargeted('mutation { acceptMergeProposal(id: "no-such-proposal") { id } }'),
  'Mutation.adjustPoints': (t) =>
    at('mutation($i: AdjustPointsInput!) { adjustPoints(input: $i) { id } }', {
      i: { memberId: t.memberId, points: 7, reason: 'security matrix', idempotencyKey: unique('adj') },
    }),
  'Mutation.approveHeldOrderPoints': (t) =>
    at('mutation($o: ID!) { approveHeldOrderPoints(orderId: $o) { id } }', { o: t.orderId }),
  'Mutation.deleteTagRule': () => untargeted('mutation { deleteTagRule(tag: "no-such-rule") }'),
  'Mutation.dismissMergeProposal': () =>
    untargeted('mutation { dismissMergeProposal(id: "no-such-proposal") { id } }'),
  'Mutation.earnPoints': (t) =>
    at('mutation($i: EarnPointsInput!) { earnPoints(input: $i) { id } }', {
      i: { memberId: t.memberId, points: 5, source: 'matrix', idempotencyKey: unique('earn') },
    }),
  'Mutation.identifyMember': (t) =>
    at('mutation($i: IdentifyMemberInput!) { identifyMember(input: $i) { member { id } } }', {
      i: { channel: 'STORE', externalId: unique('card'), storeId: t.storeId },
    }),
  'Mutation.identifyMembers': (t) =>
    at('mutation($i: [IdentifyMemberInput!]!) { identifyMembers(inputs: $i) { memberId code } }', {
      i: [{ channel: 'STORE', externalId: unique('card'), storeId: t.storeId }],
    }),
  'Mutation.importOpeningBalances': (t) =>
    at('mutation($i: [OpeningBalanceInput!]!) { importOpeningBalances(inputs: $i) { memberId code } }', {
      i: [
        {
          memberId: t.memberId,
          points: 9,
          source: 'crm',
          legacyRef: unique('crm'),
          asOf: new Date().toISOString(),
        },
      ],
    }),
  'Mutation.importOpeningBalance': (t) =>
    at('mutation($i: OpeningBalanceInput!) { importOpeningBalance(input: $i) { id } }', {
      i: {
        memberId: t.memberId,
        points: 9,
        source: 'crm',
        legacyRef: unique('crm'),
        asOf: new Date().toISOString(),
      },
    }),
  'Mutation.ingestOrder': (t) =>
    at('mutation($i: IngestOrderInput!) { ingestOrder(input: $i) { created } }', {
      i: {
        source: 'matrix',
        externalId: unique('ord'),
        channel: 'STORE',
        storeId: t.storeId,
        buyer: { ...t.identity, storeId: t.storeId },
        lines: [{ sku: 'SKU-0001', quantity: 1, unitPrice: 990 }],
        placedAt: new Date().toISOString(),
      },
    }),
  'Mutation.importOrders': (t) =>
    at('mutation($i: ImportOrdersInput!) { importOrders(input: $i) { created existing } }', {
      i: {
        orders: [
          {
            source: 'matrix-import',
            externalId: unique('imp'),
            channel: 'STORE',
            storeId: t.storeId,
            buyer: { ...t.identity, storeId: t.storeId },
            lines: [{ sku: 'SKU-0001', quantity: 1, unitPrice: 990 }],
            placedAt: new Date(Date.now() - 86_400_000).toISOString(),
          },
        ],
      },
    }),
  'Mutation.ingestRefund': (t) =>
    at('mutation($i: IngestRefundInput!) { ingestRefund(input: $i) { id } }', {
      i: { source: 'fixture', orderExternalId: t.orderExternalId, refundId: unique('rf'), amount: 1 },
    }),
  // the caller claims for itself (no member argument): only the role decides; no such offer → NOT_FOUND
  'Mutation.claimCoupon': () => untargeted('mutation { claimCoupon(offerId: "matrix-no-offer") { id } }'),
  // an unknown code (NOT_FOUND) at the target's store: who may redeem there is judged
  'Mutation.redeemCoupon': (t) =>
    at('mutation($s: ID!) { redeemCoupon(code: "ZZZZ-ZZZZ-ZZZZ-ZZZZ", storeId: $s) { id } }', {
      s: t.storeId,
    }),
  // the same campaign saved again (inactive, so nothing is sent by it)
  'Mutation.saveCampaign': () =>
    untargeted(
      'mutation { saveCampaign(input: { id: "matrix-campaign", name: "matrix", trigger: SURVEY_SATISFIED, template: "matrix", active: false }) { id } }',
    ),
  // the member for itself (no member argument): only the role decides; no such campaign → NOT_FOUND
  // the member for itself (no member argument): only the role decides
  'Mutation.markContentSeen': () => untargeted('mutation { markContentSeen(itemIds: ["matrix-item"]) }'),
  'Mutation.trackCampaign': () =>
    untargeted('mutation { trackCampaign(campaignId: "matrix-no-campaign", action: CLICKED) }'),
  'Mutation.mergeMembers': (t) =>
    at('mutation($s: ID!, $m: ID!) { mergeMembers(survivorId: $s, mergedId: $m, reason: "matrix") { id } }', {
      s: t.memberId,
      m: t.otherMemberId,
    }),
  // a fresh key: an allowed call opens a ticket of its own
  'Mutation.openTicket': (t) =>
    at('mutation($i: OpenTicketInput!) { openTicket(input: $i) { id status } }', {
      i: {
        memberId: t.memberId,
        subject: 'security matrix',
        storeId: t.storeId,
        idempotencyKey: unique('tk'),
      },
    }),
  'Mutation.purchasePlus': (t) =>
    at('mutation($i: PurchasePlusInput!) { purchasePlus(input: $i) { endsAt } }', {
      i: { memberId: t.memberId, months: 12, fee: 0, idempotencyKey: unique('plus') },
    }),
  'Mutation.recordStock': () =>
    untargeted(
      'mutation { recordStock(input: { sku: "SKU-0001", locationId: "store-sh-001", onHand: 5, available: 5 }) }',
    ),
  'Mutation.redeemPoints': (t) =>
    at('mutation($i: RedeemPointsInput!) { redeemPoints(input: $i) { id } }', {
      i: { memberId: t.memberId, points: 3, idempotencyKey: unique('redeem') },
    }),
  'Mutation.refundOrder': (t) =>
    at('mutation($i: RefundOrderInput!) { refundOrder(input: $i) { id } }', {
      i: { orderId: t.orderId, refundId: unique('rf'), amount: 1 },
    }),
  'Mutation.rejectHeldOrderPoints': (t) =>
    at('mutation($o: ID!) { rejectHeldOrderPoints(orderId: $o, reason: "matrix") { orderId } }', {
      o: t.orderId,
    }),
  'Mutation.resolveTicket': (t) =>
    at('mutation($t: ID!) { resolveTicket(ticketId: $t, resolution: "matrix") { id status } }', {
      t: t.ticketId,
    }),
  'Mutation.respondToTicket': (t) =>
    at('mutation($t: ID!) { respondToTicket(ticketId: $t, message: "matrix") { id status } }', {
      t: t.ticketId,
    }),
  'Mutation.saveSegment': () =>
    untargeted('mutation($i: SaveSegmentInput!) { saveSegment(input: $i) { id } }', {
      i: { id: unique('seg'), name: 'matrix', rule: RULE },
    }),
  'Mutation.saveSurveyTemplate': () =>
    untargeted('mutation($i: SurveyTemplateInput!) { saveSurveyTemplate(input: $i) { category } }', {
      i: SURVEY_TEMPLATE,
    }),
  'Mutation.saveTagRule': () =>
    untargeted('mutation($i: SaveTagRuleInput!) { saveTagRule(input: $i) { tag } }', {
      i: { tag: unique('rule'), rule: RULE },
    }),
  // nothing given: nothing changes
  'Mutation.setCareSettings': () => untargeted('mutation { setCareSettings(input: {}) { slaHours } }'),
  'Mutation.setConsent': (t) =>
    at('mutation($m: ID!) { setConsent(memberId: $m, channel: APP, granted: false) { id } }', {
      m: t.memberId,
    }),
  // the values in force: an allowed call changes nothing
  // an unknown segment: allowed callers get NOT_FOUND, nothing is sent
  'Mutation.sendQuestionnaire': () =>
    untargeted('mutation($i: QuestionnaireInput!) { sendQuestionnaire(input: $i) { id } }', {
      i: { id: 'matrix-q', title: 't', segmentId: 'no-such-segment', category: 'c1', questions: ['q?'] },
    }),
  'Mutation.setEarningRules': () =>
    untargeted('mutation { setEarningRules(input: { pointsPerYuan: 1 }) { pointsPerYuan } }'),
  'Mutation.setGrantLimits': () => untargeted('mutation { setGrantLimits(input: {}) { maxPointsPerGrant } }'),
  // the survey may not be sent yet (BAD_USER_INPUT): only who may answer it is judged
  'Mutation.submitSurveyAnswer': (t) =>
    at(
      'mutation($i: SurveyAnswerInput!) { submitSurveyAnswer(input: $i) { survey { id status } tagsAdded } }',
      { i: { surveyId: t.surveyId, score: 5 } },
    ),
  'Mutation.tagMember': (t) =>
    at('mutation($m: ID!) { tagMember(memberId: $m, tag: "matrix") { id } }', { m: t.memberId }),
  'Mutation.undoMerge': () => untargeted('mutation { undoMerge(mergeId: "no-such-merge") { id } }'),
  'Mutation.untagMember': (t) =>
    at('mutation($m: ID!) { untagMember(memberId: $m, tag: "fixture") { id } }', { m: t.memberId }),
  'Mutation.upsertContentItem': () =>
    untargeted('mutation($i: UpsertContentItemInput!) { upsertContentItem(input: $i) { id } }', {
      i: { id: unique('item'), kind: 'ARTICLE', title: 't', body: 'b', channels: ['APP'] },
    }),
  'Mutation.upsertSku': () =>
    untargeted('mutation($i: UpsertSkuInput!) { upsertSku(input: $i) { code } }', {
      i: { code: unique('SKU'), name: 'matrix', category: 'c1' },
    }),
  'Mutation.upsertStore': () =>
    untargeted('mutation($i: UpsertStoreInput!) { upsertStore(input: $i) { id } }', {
      i: { id: unique('store'), name: 'matrix', region: 'west' },
    }),
};
