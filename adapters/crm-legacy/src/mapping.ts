import type { Channel, NormalisedMember, NormalisedPointBalance } from '@zhongtai/contracts';
import type { CrmBalanceRow, CrmMemberRow } from './legacy.js';
import { fromLegacyTime, mappingError, normaliseMobile, parsePoints } from './legacy-format.js';

/** The `source` of every record this adapter produces. */
export const CRM_SOURCE = 'crm';

/**
 * 注册渠道 (registration channel) codes. Members registered in a store, or before the CRM had the
 * column (blank), are STORE members; the online codes name the online channel they came from.
 */
export const REGISTRATION_CHANNELS: Readonly<Record<string, Channel>> = {
  '': 'STORE',
  '01': 'STORE', // 门店
  '02': 'MALL', // 网上商城
  '03': 'APP', // 手机APP
  '04': 'MINI_PROGRAM', // 微信小程序
  '05': 'WECHAT', // 微信公众号
};

export interface CrmMappingOptions {
  /** CRM store code (门店编码) → platform store id; codes not listed are used as they are */
  storeCodes?: Readonly<Record<string, string>>;
  /** a phone that is not a mainland mobile (a landline, a typo): drop it (default) or fail the record */
  invalidPhone?: 'omit' | 'error';
}

/** 注册渠道 code → channel; an unknown code is an error, never a guess. */
export function channelOf(zcqd: string, hybh: string): Channel {
  const channel = REGISTRATION_CHANNELS[zcqd.trim()];
  if (!channel)
    throw mappingError(`member ${hybh}: unknown registration channel (zcqd) ${JSON.stringify(zcqd)}`);
  return channel;
}

/** The member number (会员编号), without the CHAR padding; a blank one is an error. */
export function memberNumber(hybh: string): string {
  const id = hybh.trim();
  if (!id) throw mappingError('a row without a member number (hybh)');
  return id;
}

export function storeIdOf(mdbm: string, opts: CrmMappingOptions): string | undefined {
  const code = mdbm.trim();
  if (!code) return undefined;
  return opts.storeCodes?.[code] ?? code;
}

/** "00000000000000" and blank mean "not recorded". */
const noTime = (raw: string) => /^0*$/.test(raw.trim());

export function mapMember(row: CrmMemberRow, opts: CrmMappingOptions = {}): NormalisedMember {
  const externalId = memberNumber(row.hybh);
  const member: NormalisedMember = {
    source: CRM_SOURCE,
    externalId,
    channel: channelOf(row.zcqd, externalId),
  };
  if (row.sjhm.trim()) {
    const phone = normaliseMobile(row.sjhm);
    if (phone) member.phone = phone;
    else if (opts.invalidPhone === 'error')
      throw mappingError(`member ${externalId}: not a mainland mobile number: ${JSON.stringify(row.sjhm)}`);
  }
  const name = row.hyxm.trim();
  if (name) member.displayName = name;
  const storeId = storeIdOf(row.mdbm, opts);
  if (storeId) member.storeId = storeId;
  if (!noTime(row.rhsj)) member.joinedAt = fromLegacyTime(row.rhsj, `member ${externalId} joined (rhsj)`);
  return member;
}

export function mapBalance(row: CrmBalanceRow): NormalisedPointBalance {
  const memberExternalId = memberNumber(row.hybh);
  if (noTime(row.gxsj)) throw mappingError(`balance of ${memberExternalId}: no update time (gxsj)`);
  return {
    source: CRM_SOURCE,
    memberExternalId,
    channel: channelOf(row.zcqd, memberExternalId),
    balance: parsePoints(row.jf, `balance of ${memberExternalId} (jf)`),
    asOf: fromLegacyTime(row.gxsj, `balance of ${memberExternalId} (gxsj)`),
  };
}
