import { badInput } from '@zhongtai/contracts';

/**
 * Normalises a mainland-China mobile number (the identity that links channels) to 11 digits.
 * Accepts separators and a +86/0086 prefix; anything else is rejected so that two spellings of
 * one phone can never create two members.
 */
export function normalizePhone(raw: string): string {
  const digits = raw.replace(/[\s\-().]/g, '');
  const local = digits.replace(/^(\+86|0086|86)(?=1\d{10}$)/, '');
  if (!/^1[3-9]\d{9}$/.test(local))
    throw badInput(`Not a valid mobile number: ${JSON.stringify(raw)}`, { field: 'phone' });
  return local;
}

/** 13812345678 → 138****5678 */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/** 王小明 → 王**; Alice → A**** */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}
