import {
  type DocumentNode,
  type GraphQLSchema,
  TypeInfo,
  getNamedType,
  isCompositeType,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { CHANNELS } from './codegen.js';

export type ChannelName = (typeof CHANNELS)[number];

/**
 * What each channel may use of the API: its root fields (queries and mutations), and coordinates it
 * must never select even below them (staff-only or back-office data reachable from a member). A
 * channel's operations are checked against its contract in `npm test`; widening one is a reviewed
 * change of this file.
 */
export interface ChannelContract {
  roots: string[];
  forbidden: string[];
}

/** the member's own data never shows its merges, its staff notes or another channel's identities */
const MEMBER_SELF_FORBIDDEN = [
  'Member.identities',
  'Member.relationship',
  'Member.consents',
  'Member.questionnaires',
];

export const CHANNEL_CONTRACTS: Record<ChannelName, ChannelContract> = {
  app: {
    roots: [
      'Query.me',
      'Query.sku',
      'Query.skus',
      'Mutation.claimCoupon',
      'Mutation.markContentSeen',
      'Mutation.submitSurveyAnswer',
      'Mutation.purchasePlus',
      'Mutation.trackCampaign',
    ],
    forbidden: MEMBER_SELF_FORBIDDEN,
  },
  'mini-program': {
    roots: [
      'Query.me',
      'Query.sku',
      'Mutation.claimCoupon',
      'Mutation.markContentSeen',
      'Mutation.submitSurveyAnswer',
      'Mutation.trackCampaign',
    ],
    forbidden: MEMBER_SELF_FORBIDDEN,
  },
  mall: {
    roots: ['Query.me', 'Query.sku', 'Query.skus', 'Mutation.claimCoupon', 'Mutation.redeemCoupon'],
    forbidden: MEMBER_SELF_FORBIDDEN,
  },
  'store-terminal': {
    roots: [
      'Query.memberByPhone',
      'Query.memberByIdentity',
      'Query.member',
      'Query.sku',
      'Query.skus',
      'Query.ticket',
      'Query.tickets',
      'Query.clerkStats',
      'Mutation.identifyMember',
      'Mutation.earnPoints',
      'Mutation.redeemPoints',
      'Mutation.redeemCoupon',
      'Mutation.respondToTicket',
      'Mutation.resolveTicket',
      'Mutation.tagMember',
      'Mutation.untagMember',
    ],
    forbidden: ['Member.identities', 'Member.questionnaires'],
  },
};

/** The schema coordinates (`Type.field`) an operation selects, root fields marked by their root type. */
export function coordinatesOf(schema: GraphQLSchema, doc: DocumentNode): string[] {
  const used = new Set<string>();
  const info = new TypeInfo(schema);
  visit(
    doc,
    visitWithTypeInfo(info, {
      Field(node) {
        const parent = info.getParentType();
        if (parent && isCompositeType(getNamedType(parent))) used.add(`${parent.name}.${node.name.value}`);
      },
    }),
  );
  return [...used];
}

/** What `doc` selects outside `channel`'s contract (empty: within it). */
export function outOfContract(schema: GraphQLSchema, channel: ChannelName, doc: DocumentNode): string[] {
  const contract = CHANNEL_CONTRACTS[channel];
  const roots = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name]);
  return coordinatesOf(schema, doc).filter((c) => {
    const [type] = c.split('.');
    if (roots.has(type)) return !contract.roots.includes(c);
    return contract.forbidden.includes(c);
  });
}
