import { type Channel, badInput, isMonthDay } from '@zhongtai/contracts';
import { normalizePhone } from './pii.js';

/** What a channel tells about the customer it met (identifyMember). */
export interface IdentifyInput {
  channel: Channel;
  externalId: string;
  phone?: string | null;
  displayName?: string | null;
  storeId?: string | null;
  /** the clerk whose QR code the customer scanned (with the store it works at) */
  recruitedBy?: string | null;
  /** channels the customer opted into as it was met (e.g. following the WeChat account) */
  consents?: Channel[] | null;
  /** `YYYY-MM-DD` or `MM-DD` */
  birthday?: string | null;
}

/** An identify request checked: trimmed, the phone normalised, empty values absent. */
export interface CleanIdentify {
  channel: Channel;
  externalId: string;
  phone?: string;
  displayName?: string;
  storeId?: string;
  recruitedBy?: string;
  /** each channel once; absent when none */
  consents?: Channel[];
  /** `MM-DD` */
  birthday?: string;
}

/** Checks and normalises an identify request (BAD_USER_INPUT naming the field). */
export function cleanIdentify(input: IdentifyInput): CleanIdentify {
  const externalId = input.externalId?.trim();
  if (!externalId || externalId.length > 128)
    throw badInput('externalId must be 1..128 characters', { field: 'externalId' });
  const displayName = input.displayName?.trim() || undefined;
  const storeId = input.storeId?.trim() || undefined;
  const recruitedBy = input.recruitedBy?.trim() || undefined;
  if (recruitedBy && (!storeId || recruitedBy.length > 128))
    throw badInput('recruitedBy (a clerk, 1..128 characters) comes with the storeId it works at', {
      field: 'recruitedBy',
    });
  if (displayName && displayName.length > 64)
    throw badInput('displayName must be at most 64 characters', { field: 'displayName' });
  return {
    channel: input.channel,
    externalId,
    phone: input.phone ? normalizePhone(input.phone) : undefined,
    displayName,
    storeId,
    recruitedBy,
    consents: input.consents?.length ? [...new Set(input.consents)] : undefined,
    birthday: input.birthday?.trim() ? birthdayOf(input.birthday.trim()) : undefined,
  };
}

/** A birthday as `MM-DD` from `YYYY-MM-DD`, `YYYYMMDD` or `MM-DD` (BAD_USER_INPUT otherwise; the year is dropped). */
export function birthdayOf(raw: string): string {
  const m = /^(?:(\d{4})-?)?(\d{2})-?(\d{2})$/.exec(raw);
  if (!m || !isMonthDay(Number(m[2]), Number(m[3]), m[1] ? Number(m[1]) : undefined))
    throw badInput('birthday is YYYY-MM-DD or MM-DD, a real day', { field: 'birthday' });
  return `${m[2]}-${m[3]}`;
}

/** Store master data: id, name and region each 1..64 characters (stored as given). */
export function checkStore(input: { id: string; name: string; region: string }): void {
  for (const [field, value] of Object.entries(input)) {
    if (!value?.trim() || value.length > 64)
      throw badInput(`store ${field} must be 1..64 characters`, { field });
  }
}
