import { badInput } from '@zhongtai/contracts';
import { type RequestContext, decodeCursor, encodeCursor } from '@zhongtai/subgraph-kit';
import type { MemberDirectory } from '../service/directory.js';
import { Member, MemberConnection } from './member.type.js';

/** A page of members by id order with a keyset cursor (the last id), shared by segments and stores. */
export async function memberPage(
  ctx: RequestContext,
  dir: MemberDirectory,
  first: number,
  after: string | null | undefined,
  fetch: (after: string | undefined, limit: number) => Promise<{ ids: string[]; total: number }>,
): Promise<MemberConnection> {
  if (!Number.isInteger(first) || first < 0 || first > 100)
    throw badInput('first must be between 0 and 100', { field: 'first' });
  const cursor = after ? decodeCursor<string>(after) : undefined;
  const { ids, total } = await fetch(cursor, first + 1);
  const page = ids.slice(0, first);
  const docs = await dir.members(ctx).loadMany(page);
  return MemberConnection.from({
    nodes: docs.flatMap((d) => (d && !(d instanceof Error) ? [Member.from(d)] : [])),
    total,
    hasNextPage: ids.length > first,
    endCursor: page.length ? encodeCursor(page[page.length - 1]) : null,
  });
}
