import { z } from 'zod';
import { ChannelSchema } from '../channels.js';
import { defineEvent } from './envelope.js';
import { Id } from './common.js';

export const MemberIdentified = defineEvent(
  'member.identified',
  1,
  z.object({
    memberId: Id,
    channel: ChannelSchema,
    externalId: Id,
    storeId: Id.optional(),
    created: z.boolean(),
    linked: z.boolean(),
    /** the clerk (导购) whose QR code the member joined through, when it was created that way (R-ID-4) */
    recruitedBy: Id.optional(),
  }),
);

/** `mergedId` now resolves to `survivorId`; data owners move the merged member's records over. */
export const MemberMerged = defineEvent(
  'member.merged',
  1,
  z.object({ mergeId: Id, survivorId: Id, mergedId: Id, reason: z.string() }),
);

/** The merge `mergeId` was undone: data owners move back what the merge moved. */
export const MemberUnmerged = defineEvent(
  'member.unmerged',
  1,
  z.object({ mergeId: Id, survivorId: Id, mergedId: Id }),
);

/** A member's consent to marketing on a channel changed (content and notifications honour it). */
export const MemberConsentChanged = defineEvent(
  'member.consentChanged',
  1,
  z.object({ memberId: Id, channel: ChannelSchema, granted: z.boolean(), source: z.string() }),
);

/**
 * What other subgraphs may keep of a member's profile for targeting (content feeds, campaigns):
 * emitted whenever tags, segments, tier, lifecycle stage or stores change.
 */
export const MemberProfileChanged = defineEvent(
  'member.profileChanged',
  1,
  z.object({
    memberId: Id,
    tags: z.array(z.string()),
    segments: z.array(z.string()),
    tier: z.string().nullable(),
    lifecycleStage: z.string(),
    storeIds: z.array(z.string()),
    /** `MM-DD`, when the member center knows it (birthday campaigns) */
    birthday: z
      .string()
      .regex(/^\d{2}-\d{2}$/)
      .optional(),
  }),
);

/**
 * Who may see a member changed (R-AN-3): the stores and regions it joined or bought at, merged
 * members included. `rootId` is the member this id resolves to now (itself unless merged into
 * another). Emitted for every member id whose scope changed (joins, purchases at a new store,
 * merges and their undo); `version` orders them (a consumer keeps the highest).
 */
export const MemberScopeChanged = defineEvent(
  'member.scopeChanged',
  1,
  z.object({
    memberId: Id,
    rootId: Id,
    storeIds: z.array(z.string()),
    regions: z.array(z.string()),
    version: z.number().int().nonnegative(),
  }),
);

/** Store master data changed (name, region): subgraphs that scope by region keep a copy. */
export const StoreChanged = defineEvent(
  'store.changed',
  1,
  z.object({ storeId: Id, name: z.string(), region: z.string() }),
);
