import { badInput } from '@zhongtai/contracts';

/** A paid Plus membership period (R-PT-6 in docs/DOMAIN.md); `fee` in fen. */
export interface PlusPeriod {
  startsAt: Date;
  endsAt: Date;
  fee: number;
  currency: string;
}

/** Whether a Plus membership is active at `at`. */
export function isPlus(plus: PlusPeriod | null | undefined, at: Date): boolean {
  return !!plus && new Date(plus.startsAt) <= at && at < new Date(plus.endsAt);
}

export function checkPlusPurchase(input: { months: number; fee: number; currency: string }): void {
  if (!Number.isInteger(input.months) || input.months < 1 || input.months > 36)
    throw badInput('months must be 1..36', { field: 'months' });
  if (!Number.isInteger(input.fee) || input.fee < 0)
    throw badInput('fee is a non-negative amount in fen', { field: 'fee' });
  if (!/^[A-Z]{3}$/.test(input.currency))
    throw badInput('currency is an ISO 4217 code', { field: 'currency' });
}

/**
 * The period a purchase of `months` gives: bought while active it extends the end date (and keeps
 * the start), otherwise it starts now. `addMonths` is the tenant's calendar (bought on 31 January for
 * one month, it ends on 28/29 February at the same time of day, not on 3 March).
 */
export function plusAfterPurchase(
  current: PlusPeriod | null | undefined,
  purchase: { months: number; fee: number; currency: string },
  now: Date,
  addMonths: (at: Date, months: number) => Date,
): PlusPeriod {
  const active = !!current && new Date(current.endsAt) > now;
  return {
    startsAt: active ? new Date(current.startsAt) : now,
    endsAt: addMonths(active ? new Date(current.endsAt) : now, purchase.months),
    fee: purchase.fee,
    currency: purchase.currency,
  };
}
