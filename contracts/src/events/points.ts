import { z } from 'zod';
import { defineEvent } from './envelope.js';
import { Id } from './common.js';

export const PointsChanged = defineEvent(
  'points.changed',
  1,
  z.object({
    memberId: Id,
    entryId: Id,
    kind: z.enum(['EARN', 'REDEEM', 'EXPIRE', 'REVERSE', 'ADJUST', 'MERGE', 'RELEASE', 'REVIEW']),
    delta: z.number().int(),
    balance: z.number().int(),
    /** an entry of an order (earned on it, or taken back on its refund): the order, and points it left pending */
    orderId: Id.optional(),
    pending: z.number().int().optional(),
  }),
);

export const TierChanged = defineEvent(
  'tier.changed',
  1,
  z.object({ memberId: Id, from: z.string().nullable(), to: z.string(), growth: z.number().int() }),
);

/** Advance notice: points of these lots expire on `expiresAt` (sent N days before). */
export const PointsExpiring = defineEvent(
  'points.expiring',
  1,
  z.object({
    memberId: Id,
    points: z.number().int().positive(),
    expiresAt: z.iso.datetime(),
    lotIds: z.array(Id),
  }),
);
