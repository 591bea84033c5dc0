import type { Channel, NormalisedMember, NormalisedPointBalance } from '@zhongtai/contracts';
import { CRM_SOURCE } from '../mapping.js';
import { seededRandom } from '@zhongtai/adapter-kit';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙'];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
];
const ONLINE: Channel[] = ['MALL', 'APP', 'MINI_PROGRAM', 'WECHAT'];

/**
 * A deterministic data set of what an old CRM holds, in normalised form (for tests and demos):
 * mostly STORE members, some registered online, some without phone, name or join date; about nine
 * in ten have a point balance.
 */
export function sampleCrmData(opts: { count?: number; seed?: number; storeIds?: string[] } = {}): {
  members: NormalisedMember[];
  balances: NormalisedPointBalance[];
} {
  const rnd = seededRandom(opts.seed ?? 7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const stores = opts.storeIds ?? ['store-sh-001', 'store-sh-002', 'store-bj-001', 'store-gz-001'];
  const second = (from: number, to: number) =>
    new Date(Math.floor((from + rnd() * (to - from)) / 1000) * 1000);
  const members: NormalisedMember[] = [];
  const balances: NormalisedPointBalance[] = [];
  for (let i = 1; i <= (opts.count ?? 120); i++) {
    const channel: Channel = rnd() < 0.75 ? 'STORE' : pick(ONLINE);
    const m: NormalisedMember = {
      source: CRM_SOURCE,
      externalId: `CRM${String(i).padStart(6, '0')}`,
      channel,
    };
    if (rnd() < 0.9) m.phone = `1${pick([...'3456789'])}${String(Math.floor(rnd() * 1e9)).padStart(9, '0')}`;
    if (rnd() < 0.9) m.displayName = pick(SURNAMES) + pick(GIVEN) + (rnd() < 0.6 ? pick(GIVEN) : '');
    if (channel === 'STORE' || rnd() < 0.3) m.storeId = pick(stores);
    if (rnd() < 0.85) m.joinedAt = second(Date.UTC(2012, 0, 1), Date.UTC(2024, 0, 1)).toISOString();
    members.push(m);
    if (rnd() < 0.9)
      balances.push({
        source: CRM_SOURCE,
        memberExternalId: m.externalId,
        channel,
        balance: rnd() < 0.1 ? 0 : Math.floor(rnd() * 20_000),
        asOf: second(Date.UTC(2024, 0, 1), Date.UTC(2024, 6, 1)).toISOString(),
      });
  }
  return { members, balances };
}
