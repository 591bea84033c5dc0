import { type Channel, badInput } from '@zhongtai/contracts';
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
  };
}

/** Store master data: id, name and region each 1..64 characters (stored as given). */
export function checkStore(input: { id: string; name: string; region: string }): void {
  for (const [field, value] of Object.entries(input)) {
    if (!value?.trim() || value.length > 64)
      throw badInput(`store ${field} must be 1..64 characters`, { field });
  }
}
