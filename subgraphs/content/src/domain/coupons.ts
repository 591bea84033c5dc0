import { badInput, conflict } from '@zhongtai/contracts';
import type { ContentItemDoc, CouponDoc, OfferTerms } from './records.js';

/** Crockford's base32: no I, L, O, U, so a code read aloud or typed at a till is not mistaken. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 16 symbols of 5 bits: 80 random bits, shown as XXXX-XXXX-XXXX-XXXX */
export const CODE_LENGTH = 16;

/** A coupon code from `CODE_LENGTH` random bytes (one symbol per byte's low 5 bits: uniform). */
export function couponCode(randomBytes: (n: number) => Uint8Array): { code: string; codeKey: string } {
  const bytes = randomBytes(CODE_LENGTH);
  const key = Array.from(bytes, (b) => ALPHABET[b & 31]).join('');
  return { code: key.match(/.{4}/g)!.join('-'), codeKey: key };
}

/**
 * A code as a till or an app sends it, normalised (Crockford): case, spaces and dashes do not
 * matter, O reads as 0 and I or L as 1. Anything else is not a code (null).
 */
export function normaliseCode(raw: string): string | null {
  const key = raw.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return key.length === CODE_LENGTH && [...key].every((c) => ALPHABET.includes(c)) ? key : null;
}

/** The terms an HQ user gives an offer, checked (BAD_USER_INPUT names the field). */
export function checkTerms(t: OfferTerms): OfferTerms {
  if (t.stock !== null && (!Number.isInteger(t.stock) || t.stock < 0 || t.stock > 10_000_000))
    throw badInput('stock must be a whole number from 0 to 10,000,000, or null for no limit', {
      field: 'offer.stock',
    });
  if (!Number.isInteger(t.validDays) || t.validDays < 1 || t.validDays > 3660)
    throw badInput('validDays must be from 1 to 3660', { field: 'offer.validDays' });
  if (t.claimFrom && t.claimUntil && t.claimUntil <= t.claimFrom)
    throw badInput('claimUntil must be after claimFrom', { field: 'offer.claimUntil' });
  return t;
}

/** Why an offer cannot be claimed now (BAD_USER_INPUT), or nothing. */
export function checkClaimable(item: ContentItemDoc, now: Date): void {
  const t = item.offer;
  if (!t) throw badInput('This content item is not a coupon offer', { field: 'offerId' });
  if (t.claimFrom && now < t.claimFrom)
    throw badInput(`This offer opens at ${t.claimFrom.toISOString()}`, { field: 'offerId' });
  if (t.claimUntil && now >= t.claimUntil)
    throw badInput(`This offer closed at ${t.claimUntil.toISOString()}`, { field: 'offerId' });
}

/**
 * What redeeming `coupon` at `storeId` means now: `redeem` it, `replay` (it was redeemed at this
 * store already: the same answer again), or an error — redeemed elsewhere is a CONFLICT, expired
 * is BAD_USER_INPUT.
 */
export function redemption(coupon: CouponDoc, storeId: string, now: Date): 'redeem' | 'replay' {
  if (coupon.redeemedAt) {
    if (coupon.redeemedStoreId === storeId) return 'replay';
    throw conflict('This coupon was redeemed already');
  }
  if (now > coupon.validUntil)
    throw badInput(`This coupon expired at ${coupon.validUntil.toISOString()}`, { field: 'code' });
  return 'redeem';
}

/**
 * How the stock counters change when HQ sets an offer's stock: `remaining` moves by the difference
 * (claims meanwhile keep their own decrements), or is set from what was issued when the offer had
 * no limit before; null means no limit.
 */
export function stockChange(
  before: { stock: number | null; issued: number } | null,
  stock: number | null,
): { remainingDelta: number } | { remaining: number | null } {
  if (stock === null) return { remaining: null };
  if (!before) return { remaining: stock };
  if (before.stock === null) return { remaining: stock - before.issued };
  return { remainingDelta: stock - before.stock };
}
