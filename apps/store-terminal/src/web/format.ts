/** Pure helpers of the terminal (no DOM): what the clerk typed, and how values read on screen. */

export type Lookup = { kind: 'phone'; phone: string } | { kind: 'code'; id: string } | { kind: 'empty' };

const PHONE = /^(?:\+?86|0086)?(1\d{10})$/;

/**
 * The search box takes a mobile number (any spelling: spaces, dashes, +86) or a member code — the
 * member's id, which the member app shows as a QR code and a scanner types followed by Enter. A scanned
 * code may come as a link (`…/member/<id>` or `…?member=<id>`): its id is taken.
 */
export function parseLookup(raw: string): Lookup {
  const text = raw.trim();
  if (!text) return { kind: 'empty' };
  const digits = text.replace(/[\s\-().]/g, '');
  const phone = PHONE.exec(digits);
  if (phone) return { kind: 'phone', phone: phone[1] };
  const fromLink = /[?&]member=([^&#\s]+)/.exec(text) ?? /\/member\/([^/?#\s]+)/.exec(text);
  return { kind: 'code', id: decodeURIComponent(fromLink ? fromLink[1] : text) };
}

export const MAX_POINTS_PER_ENTRY = 10_000_000;

/** a whole positive number of points, or the reason it is not one */
export function parsePoints(raw: string): { points: number } | { error: string } {
  const text = raw.trim().replace(/[,，\s]/g, '');
  if (!/^\d+$/.test(text)) return { error: '请输入正整数积分' };
  const points = Number(text);
  if (points <= 0) return { error: '积分须大于 0' };
  if (points > MAX_POINTS_PER_ENTRY)
    return { error: `单次最多 ${MAX_POINTS_PER_ENTRY.toLocaleString('zh-CN')} 积分` };
  return { points };
}

export const formatPoints = (n: number): string => n.toLocaleString('zh-CN');

/** minor units (fen) with the currency: 12345 CNY → ¥123.45 */
export function formatMoney(amount: number, currency = 'CNY'): string {
  return new Intl.NumberFormat('zh-CN', { style: 'currency', currency }).format(amount / 100);
}

/** an instant on the tenant's business calendar (Asia/Shanghai unless told), e.g. 2026/11/22 18:28 */
export function formatTime(iso: string, timeZone = 'Asia/Shanghai'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

export interface StaffClaims {
  role: string;
  tenant: string;
  storeId?: string;
  region?: string;
  exp?: number;
}

const STAFF = ['CLERK', 'STORE_MANAGER', 'HQ'];

/**
 * What the login form can tell about a pasted token before the gateway checks it: a JWT, of staff, not
 * expired. Its signature is the gateway's business (every call verifies it); this only turns a wrong paste
 * into a clear message instead of a failed search.
 */
export function readStaffToken(
  raw: string,
  nowMs: number,
): { token: string; claims: StaffClaims } | { error: string } {
  const token = raw.trim().replace(/^Bearer\s+/i, '');
  const parts = token.split('.');
  if (parts.length !== 3) return { error: '这不是有效的令牌（JWT 由三段组成）' };
  let claims: Partial<StaffClaims>;
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(
      [...atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '='))]
        .map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
        .join(''),
    );
    claims = JSON.parse(json) as Partial<StaffClaims>;
  } catch {
    return { error: '这不是有效的令牌（无法读取内容）' };
  }
  if (typeof claims.role !== 'string' || !STAFF.includes(claims.role))
    return { error: `门店终端仅限店员、店长或总部使用（令牌角色：${String(claims.role ?? '无')}）` };
  if (typeof claims.tenant !== 'string') return { error: '令牌缺少品牌（tenant）' };
  if (typeof claims.exp === 'number' && claims.exp * 1000 <= nowMs)
    return { error: '令牌已过期，请重新获取' };
  return { token, claims: claims as StaffClaims };
}
