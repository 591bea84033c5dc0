import { createHash } from 'node:crypto';
import { badInput } from '@zhongtai/contracts';

/** A SKU as master data gives it: a code of 1..64 letters, digits, dot, dash or underscore, a name and a category. */
export function checkSku(input: { code: string; name: string; category: string }): void {
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(input.code))
    throw badInput('SKU code must be 1..64 letters, digits, dot, dash or underscore', { field: 'code' });
  if (!input.name.trim() || !input.category.trim()) throw badInput('name and category must not be empty');
}

/**
 * The version of a SKU's master data (part of the `sku.changed` event id): the same name and category
 * again is the same event, a change is a new one.
 */
export function skuVersion(name: string, category: string): string {
  return createHash('sha256').update(`${name}|${category}`).digest('hex').slice(0, 12);
}
