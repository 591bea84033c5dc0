import { createHash } from 'node:crypto';
import { CHANNELS, type Channel, badInput } from '@zhongtai/contracts';
import type { IngestStatus } from './order-status.js';

export interface OrderInput {
  source: string;
  externalId: string;
  channel: Channel;
  storeId?: string | null;
  buyer?: {
    channel: Channel;
    externalId: string;
    phone?: string | null;
    displayName?: string | null;
    storeId?: string | null;
    /** the clerk whose QR code recruited a new buyer (passed on to the member center) */
    recruitedBy?: string | null;
    /** channels the buyer opted into as it was met (passed on to the member center) */
    consents?: Channel[] | null;
    birthday?: string | null;
  } | null;
  lines: Array<{ sku: string; quantity: number; unitPrice: number }>;
  currency?: string | null;
  placedAt: Date;
  status?: IngestStatus | null;
  /** a historical order from a bulk import (earns no points) */
  historical?: boolean | null;
}

export interface CleanOrder extends Omit<OrderInput, 'currency' | 'status' | 'storeId'> {
  currency: string;
  status: IngestStatus;
  storeId?: string;
  total: number;
}

const MAX_LINES = 200;
const MAX_AMOUNT = 100_000_000_00; // ¥100 million in fen

/** The id of an order is derived from (tenant, source, external id): every delivery of it maps to one document. */
export function orderIdFor(tenant: string, source: string, externalId: string): string {
  return `ord_${createHash('sha256').update(`${tenant}|${source}|${externalId}`).digest('hex').slice(0, 24)}`;
}

/**
 * The contract types `source` as a plain String: any spelling of a system's name is accepted and
 * normalised (trimmed, lower case, inner spaces as '-'), so "POS", " pos " and "pos" are one source
 * and dedupe by (source, external id) holds across them.
 */
export function normalizeSource(raw: string | null | undefined): string {
  return (raw ?? '').trim().toLowerCase().replace(/\s+/g, '-');
}

function hasControlCharacters(s: string): boolean {
  return [...s].some((ch) => ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127);
}

/** Validates an order from any channel; throws BAD_USER_INPUT naming the field. */
export function cleanOrder(input: OrderInput, now: Date): CleanOrder {
  const bad = (field: string, message: string) => badInput(message, { field });
  const source = normalizeSource(input.source);
  if (!source || source.length > 64 || hasControlCharacters(source))
    throw bad('source', 'source names the system the order comes from (1..64 characters)');
  const externalId = input.externalId?.trim();
  if (!externalId || externalId.length > 128) throw bad('externalId', 'externalId must be 1..128 characters');
  if (!CHANNELS.includes(input.channel)) throw bad('channel', 'unknown channel');
  if (!input.lines?.length || input.lines.length > MAX_LINES)
    throw bad('lines', `an order has 1..${MAX_LINES} lines`);
  input.lines.forEach((l, i) => {
    if (!l.sku?.trim() || l.sku.length > 64) throw bad(`lines.${i}.sku`, 'sku must be 1..64 characters');
    if (!Number.isInteger(l.quantity) || l.quantity <= 0 || l.quantity > 10_000)
      throw bad(`lines.${i}.quantity`, 'quantity must be an integer 1..10000');
    if (!Number.isInteger(l.unitPrice) || l.unitPrice < 0 || l.unitPrice > MAX_AMOUNT)
      throw bad(`lines.${i}.unitPrice`, 'unitPrice is a non-negative integer in fen');
  });
  const total = input.lines.reduce((n, l) => n + l.quantity * l.unitPrice, 0);
  if (total > MAX_AMOUNT) throw bad('lines', 'order total too large');
  const currency = (input.currency ?? 'CNY').trim();
  if (!/^[A-Z]{3}$/.test(currency)) throw bad('currency', 'currency is an ISO 4217 code');
  if (!(input.placedAt instanceof Date) || Number.isNaN(input.placedAt.getTime()))
    throw bad('placedAt', 'placedAt must be a date-time');
  if (input.placedAt.getTime() > now.getTime() + 24 * 3600_000)
    throw bad('placedAt', 'placedAt is in the future');
  const status = input.status ?? 'COMPLETED';
  if (!['PLACED', 'COMPLETED', 'CANCELLED'].includes(status))
    throw bad('status', 'an ingested order is PLACED, COMPLETED or CANCELLED');
  const storeId = input.storeId?.trim() || undefined;
  if (input.channel === 'STORE' && !storeId) throw bad('storeId', 'a store order needs its storeId');
  return {
    ...input,
    source,
    externalId,
    currency,
    status,
    storeId,
    total,
    lines: input.lines.map((l) => ({ sku: l.sku.trim(), quantity: l.quantity, unitPrice: l.unitPrice })),
  };
}

/** Distinct SKU pairs of an order (for "bought together"), each once, in a stable order. */
export function skuPairs(lines: Array<{ sku: string }>): Array<[string, string]> {
  const skus = [...new Set(lines.map((l) => l.sku))].sort();
  const out: Array<[string, string]> = [];
  for (let i = 0; i < skus.length; i++)
    for (let j = i + 1; j < skus.length; j++) out.push([skus[i], skus[j]]);
  return out;
}
