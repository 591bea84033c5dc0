import type { RequestContext } from '@zhongtai/subgraph-kit';
import { DomainError, ErrorCode } from '@zhongtai/contracts';
import type { LedgerService } from './ledger-service.js';
import { Openings } from './openings.js';

type Input = { memberId: string; points: number; source: string; legacyRef: string; asOf: Date };

/** `import` replaced by a fake that takes the first balance per member and refuses another, slowly for the first */
class FakeOpenings extends Openings {
  readonly kept = new Map<string, Input>();
  readonly log: string[] = [];
  override async import(_ctx: RequestContext, input: Input) {
    this.log.push(`start ${input.legacyRef}`);
    await new Promise((r) => setTimeout(r, input.points === 100 ? 30 : 1));
    this.log.push(`end ${input.legacyRef}`);
    const had = this.kept.get(input.memberId);
    if (had && had.points !== input.points) throw new DomainError(ErrorCode.CONFLICT, 'another balance');
    this.kept.set(input.memberId, input);
    return null;
  }
}

const ctx = { tenant: 't' } as RequestContext;
const asOf = new Date('2026-06-01T00:00:00Z');
const row = (memberId: string, points: number, legacyRef: string): Input => ({
  memberId,
  points,
  source: 'crm',
  legacyRef,
  asOf,
});

it("imports one member's rows in the order given, other members side by side", async () => {
  const members = {
    lookup: async (_t: string, ids: string[]) => ({
      members: ids.filter((i) => i !== 'nobody').map((memberId) => ({ memberId })),
    }),
  };
  const openings = new FakeOpenings({} as LedgerService, members as never);
  const answers = await openings.importMany(ctx, [
    row('a', 100, 'a1'), // slow: the second row for 'a' must wait for it
    row('b', 7, 'b1'),
    row('a', 999, 'a2'),
    row('nobody', 5, 'x'),
  ]);
  expect(answers.map((a) => ('code' in a ? a.code : null))).toEqual([null, null, 'CONFLICT', 'NOT_FOUND']);
  expect(openings.kept.get('a')?.points).toBe(100);
  // 'b' did not wait for 'a'; 'a2' started only after 'a1' ended
  expect(openings.log.indexOf('end b1')).toBeLessThan(openings.log.indexOf('end a1'));
  expect(openings.log.indexOf('start a2')).toBeGreaterThan(openings.log.indexOf('end a1'));
});
