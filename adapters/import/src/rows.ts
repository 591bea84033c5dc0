import { z } from 'zod';
import {
  CHANNELS,
  type NormalisedMember,
  type NormalisedOrder,
  type NormalisedPointBalance,
} from '@zhongtai/contracts';

/** A row that cannot become a record; the importer writes it to the report with `reason`. */
export class RowError extends Error {}

const channel = z.enum(CHANNELS);
const text = (max: number) => z.string().trim().min(1).max(max);
const optional = (s: z.ZodString) =>
  z.preprocess((v) => (v === '' || v === undefined ? undefined : v), s.optional());
const isoDate = z
  .string()
  .trim()
  .refine((v) => !Number.isNaN(Date.parse(v)), 'not a date-time');

function parseWith<T>(schema: z.ZodType<T>, row: Record<string, string>): T {
  const r = schema.safeParse(row);
  if (!r.success)
    throw new RowError(r.error.issues.map((i) => `${i.path.join('.') || 'row'}: ${i.message}`).join('; '));
  return r.data;
}

/**
 * `source,external_id,channel,store_id,buyer_channel,buyer_external_id,buyer_phone,lines,currency,placed_at,status`
 * with `lines` as `SKU:quantity:unitPriceFen|…` — one historical order per row (the usual POS export).
 */
const orderRow = z.object({
  source: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9:_-]{0,31}$/, 'a short lowercase system name'),
  external_id: text(128),
  channel,
  store_id: optional(text(64)),
  buyer_channel: z.preprocess((v) => (v === '' ? undefined : v), channel.optional()),
  buyer_external_id: optional(text(128)),
  buyer_phone: optional(text(32)),
  lines: text(20_000),
  currency: z.preprocess((v) => (v === '' || v === undefined ? 'CNY' : v), z.string().regex(/^[A-Z]{3}$/)),
  placed_at: isoDate,
  status: z.preprocess(
    (v) => (v === '' || v === undefined ? 'COMPLETED' : v),
    z.enum(['PLACED', 'COMPLETED', 'CANCELLED']),
  ),
});

export function orderFromRow(row: Record<string, string>): NormalisedOrder {
  const r = parseWith(orderRow, row);
  const lines = r.lines.split('|').map((part, i) => {
    const [sku, quantity, unitPrice] = part.split(':');
    const q = Number(quantity);
    const p = Number(unitPrice);
    if (!sku?.trim() || !Number.isInteger(q) || q <= 0 || !Number.isInteger(p) || p < 0)
      throw new RowError(`lines.${i}: expected SKU:quantity:unitPriceFen, got ${JSON.stringify(part)}`);
    return { sku: sku.trim(), quantity: q, unitPrice: p };
  });
  if ((r.buyer_channel === undefined) !== (r.buyer_external_id === undefined))
    throw new RowError('buyer_channel and buyer_external_id go together');
  return {
    source: r.source,
    externalId: r.external_id,
    channel: r.channel,
    storeId: r.store_id,
    buyer: r.buyer_channel
      ? { channel: r.buyer_channel, externalId: r.buyer_external_id!, phone: r.buyer_phone }
      : undefined,
    lines,
    currency: r.currency,
    placedAt: new Date(r.placed_at).toISOString(),
    status: r.status,
    // an export of past orders: history and metrics, no points (balances come as opening balances)
    historical: true,
  };
}

/** `source,external_id,channel,phone,display_name,store_id` — members of an old CRM. */
const memberRow = z.object({
  source: z.preprocess((v) => (v === '' || v === undefined ? 'import' : v), z.string()),
  external_id: text(128),
  channel,
  phone: optional(text(32)),
  display_name: optional(text(64)),
  store_id: optional(text(64)),
});

export function memberFromRow(row: Record<string, string>): NormalisedMember {
  const r = parseWith(memberRow, row);
  return {
    source: r.source,
    externalId: r.external_id,
    channel: r.channel,
    phone: r.phone,
    displayName: r.display_name,
    storeId: r.store_id,
  };
}

/** `source,member_external_id,channel,balance,as_of` — point balances of an old CRM or ERP. */
const balanceRow = z.object({
  source: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{1,32}$/, 'a short lowercase system name such as crm or erp'),
  member_external_id: text(128),
  channel,
  balance: z.coerce.number().int().min(0).max(10_000_000),
  as_of: isoDate,
});

export function balanceFromRow(row: Record<string, string>): NormalisedPointBalance {
  const r = parseWith(balanceRow, row);
  return {
    source: r.source,
    memberExternalId: r.member_external_id,
    channel: r.channel,
    balance: r.balance,
    asOf: new Date(r.as_of).toISOString(),
  };
}
