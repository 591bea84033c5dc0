import { z } from 'zod';
import { ActorSchema } from '../auth.js';
import { ChannelSchema } from '../channels.js';
import { defineEvent } from './envelope.js';
import { Id, IsoDate, MoneySchema } from './common.js';

export const OrderLineSchema = z.object({
  sku: Id,
  category: z.string().optional(),
  quantity: z.number().int().positive(),
  unitPrice: z.number().int().nonnegative(),
});

export const OrderCompleted = defineEvent(
  'order.completed',
  1,
  z.object({
    orderId: Id,
    source: z.string(),
    externalId: z.string(),
    memberId: Id.optional(),
    channel: ChannelSchema,
    storeId: Id.optional(),
    total: MoneySchema,
    lines: z.array(OrderLineSchema),
    placedAt: IsoDate,
    /**
     * Who typed the order in, when a person did (a clerk at the store terminal); absent for orders
     * from systems (POS, OMS adapters). The points ledger holds staff-entered orders to tighter limits.
     */
    enteredBy: ActorSchema.optional(),
  }),
);

export const OrderRefunded = defineEvent(
  'order.refunded',
  1,
  z.object({
    orderId: Id,
    refundId: Id,
    memberId: Id.optional(),
    storeId: Id.optional(),
    /** this refund, in minor units */
    amount: z.number().int().positive(),
    currency: z.string().length(3),
    orderTotal: z.number().int().nonnegative(),
    /** all refunds of the order so far, this one included */
    refundedTotal: z.number().int().nonnegative(),
  }),
);

/** Catalogue master data changed (inventory): other subgraphs keep the category of a SKU. */
export const SkuChanged = defineEvent(
  'sku.changed',
  1,
  z.object({ sku: Id, name: z.string(), category: z.string() }),
);

/**
 * A historical order imported from a legacy system (bulk import): it counts for the member's
 * history and the store metrics like a completed order, but earns no points — the legacy balance
 * that already includes them is imported as an opening balance.
 */
export const OrderImported = defineEvent('order.imported', 1, OrderCompleted.payload);
