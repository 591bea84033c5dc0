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
