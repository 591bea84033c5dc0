import { Simulator, type SimRequest, type SimResponse, pageOf, seededRandom } from '@zhongtai/adapter-kit';
import type { NormalisedMember, NormalisedPointBalance } from '@zhongtai/contracts';
import { CRM_CODES, type CrmBalanceRow, type CrmMemberRow } from '../legacy.js';
import { CRM_IDENTIFIER, normaliseMobile, toLegacyTime } from '../legacy-format.js';
import { CRM_SOURCE, REGISTRATION_CHANNELS } from '../mapping.js';

export interface CrmSimulatorData {
  members: NormalisedMember[];
  /** each refers to one of `members`, with that member's channel */
  balances?: NormalisedPointBalance[];
}

export interface CrmSimulatorOptions {
  /** drives the formatting quirks and the faults (default 42) */
  seed?: number;
  /** CRM store code → platform store id, as given to the adapter; the simulator applies it backwards */
  storeCodes?: Readonly<Record<string, string>>;
  /** when set, every call must carry it in the `token` header (else code 1003, still HTTP 200) */
  token?: string;
}

const bad = (message: string) => new Error(`crm simulator: ${message}`);

/** The inverse of REGISTRATION_CHANNELS (STORE members of the early years have a blank code). */
function zcqdOf(m: NormalisedMember, rnd: () => number): string {
  if (m.channel === 'STORE') return rnd() < 0.2 ? '' : '01';
  const code = Object.entries(REGISTRATION_CHANNELS).find(([, c]) => c === m.channel)?.[0];
  if (!code) throw bad(`member ${m.externalId}: the CRM has no registration channel for ${m.channel}`);
  return code;
}

/** The mixed spellings the CRM's many input screens left behind. */
const PHONE_STYLES = [
  (p: string) => p,
  (p: string) => `${p.slice(0, 3)}-${p.slice(3, 7)}-${p.slice(7)}`,
  (p: string) => `+86 ${p}`,
  (p: string) => `${p.slice(0, 3)} ${p.slice(3, 7)} ${p.slice(7)}`,
  (p: string) => `0086-${p}`,
  (p: string) => ` ${p} `,
];

function storeCodeOf(storeCodes: Readonly<Record<string, string>>): (storeId?: string) => string {
  const back = new Map<string, string>();
  for (const [code, id] of Object.entries(storeCodes)) {
    if (back.has(id)) throw bad(`store ${id} has two codes`);
    back.set(id, code);
  }
  return (storeId) => (storeId === undefined ? '' : (back.get(storeId) ?? storeId));
}

function memberRow(m: NormalisedMember, rnd: () => number, storeCode: (s?: string) => string): CrmMemberRow {
  const id = m.externalId;
  if (m.source !== CRM_SOURCE) throw bad(`member ${id}: source must be '${CRM_SOURCE}'`);
  if (!id || id !== id.trim()) throw bad(`member number ${JSON.stringify(id)} is blank or padded`);
  if (m.phone !== undefined && normaliseMobile(m.phone) !== m.phone)
    throw bad(`member ${id}: phone must be 11 normalised digits, got ${m.phone}`);
  if (m.displayName !== undefined && (!m.displayName.trim() || m.displayName !== m.displayName.trim()))
    throw bad(`member ${id}: displayName is blank or padded`);
  return {
    hybh: id.padEnd(12),
    hyxm: (m.displayName ?? '').padEnd(10),
    sjhm: m.phone ? PHONE_STYLES[Math.floor(rnd() * PHONE_STYLES.length)](m.phone) : '',
    mdbm: storeCode(m.storeId),
    rhsj: m.joinedAt
      ? toLegacyTime(m.joinedAt, `member ${id} joinedAt`)
      : rnd() < 0.5
        ? ''
        : '00000000000000',
    zcqd: zcqdOf(m, rnd),
  };
}

function balanceRow(b: NormalisedPointBalance, member: CrmMemberRow | undefined, ch?: string): CrmBalanceRow {
  const id = b.memberExternalId;
  if (b.source !== CRM_SOURCE) throw bad(`balance of ${id}: source must be '${CRM_SOURCE}'`);
  if (!member) throw bad(`balance of ${id}: no such member`);
  if (b.channel !== ch) throw bad(`balance of ${id}: channel ${b.channel} is not the member's (${ch})`);
  if (!Number.isSafeInteger(b.balance)) throw bad(`balance of ${id}: points must be an integer`);
  return {
    hybh: member.hybh,
    zcqd: member.zcqd,
    jf: `${b.balance}.00`,
    gxsj: toLegacyTime(b.asOf, `balance of ${id}`),
  };
}

/**
 * A simulated old CRM holding `data` (normalised records, converted to its own rows):
 *   GET /api/xt/sj                      server time (what the health check calls)
 *   GET /api/hy/list?page=&size=        members (会员), by member number, `total` as a string
 *   GET /api/jf/list?page=&size=        point accounts (积分账户), points as "1200.00"
 *   GET /api/jf/cx?hybh=                one account (积分查询), points as "1200"; code 2001 if unknown
 * Every answer is HTTP 200 with `{ code, msg, data }`. Pages hold at most 100 rows.
 */
export function createCrmSimulator(data: CrmSimulatorData, opts: CrmSimulatorOptions = {}): Simulator {
  const rnd = seededRandom(opts.seed ?? 42);
  const storeCode = storeCodeOf(opts.storeCodes ?? {});
  const byId = new Map<string, CrmMemberRow>();
  const channels = new Map<string, string>();
  for (const m of data.members) {
    if (byId.has(m.externalId)) throw bad(`member ${m.externalId} appears twice`);
    byId.set(m.externalId, memberRow(m, rnd, storeCode));
    channels.set(m.externalId, m.channel);
  }
  const accounts = new Map<string, CrmBalanceRow>();
  for (const b of data.balances ?? []) {
    if (accounts.has(b.memberExternalId)) throw bad(`balance of ${b.memberExternalId} appears twice`);
    const ch = channels.get(b.memberExternalId);
    accounts.set(b.memberExternalId, balanceRow(b, byId.get(b.memberExternalId), ch));
  }
  const sorted = <T>(m: Map<string, T>) =>
    [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, r]) => r);
  const members = sorted(byId);
  const balances = sorted(accounts);
  const ok = (d: unknown): SimResponse => ({ body: { code: CRM_CODES.OK, msg: '成功', data: d } });
  const list = <T>(rows: T[], q: URLSearchParams) => {
    const p = pageOf(rows, q, 100);
    return ok({ total: String(p.total), page: p.page, size: p.size, rows: p.rows });
  };

  return new Simulator(
    CRM_IDENTIFIER,
    (req: SimRequest): SimResponse => {
      if (opts.token !== undefined && req.headers['token'] !== opts.token)
        return { body: { code: CRM_CODES.TOKEN_REJECTED, msg: '令牌无效', data: null } };
      if (req.method !== 'GET') return { status: 405, body: { code: '405', msg: '不支持的请求' } };
      switch (req.path) {
        case '/api/xt/sj':
          return ok({
            xtsj: toLegacyTime(new Date(Math.floor(Date.now() / 1000) * 1000).toISOString(), 'now'),
          });
        case '/api/hy/list':
          return list(members, req.query);
        case '/api/jf/list':
          return list(balances, req.query);
        case '/api/jf/cx': {
          const row = accounts.get((req.query.get('hybh') ?? '').trim());
          if (!row) return { body: { code: CRM_CODES.NO_SUCH_MEMBER, msg: '会员不存在', data: null } };
          return ok({ ...row, jf: row.jf.replace(/\.00$/, '') });
        }
        default:
          return { status: 404, body: { code: '404', msg: '接口不存在' } };
      }
    },
    { seed: opts.seed },
  );
}
