import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CHANNELS, type Channel, badInput } from '@zhongtai/contracts';

/**
 * GraphQL types several subgraphs use. They are declared once here so every subgraph prints them
 * identically (value types are `@shareable`; enums must match across subgraphs to compose).
 */
export const ChannelEnum = Object.fromEntries(CHANNELS.map((c) => [c, c])) as { [K in Channel]: K };
registerEnumType(ChannelEnum, { name: 'Channel', description: 'Sales and contact channels' });

@Directive('@shareable')
@ObjectType('Money', { description: 'An amount in minor units (fen) with its currency' })
export class Money {
  @Field(() => Int)
  amount!: number;

  @Field(() => String)
  currency!: string;

  static of(amount: number, currency = 'CNY'): Money {
    return Object.assign(new Money(), { amount, currency });
  }
}

@Directive('@shareable')
@ObjectType('PageInfo')
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** Opaque cursors: base64url of the sort key, so clients cannot depend on their shape. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T>(cursor: string | null | undefined): T | undefined {
  if (!cursor) return undefined;
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as T;
  } catch {
    return undefined;
  }
}

export interface Page<T> {
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * Pages an already ordered, bounded list (a member's orders, surveys) with `first`/`after`.
 * `first` is limited to 0..100 so that a client cannot ask for an unbounded page.
 */
export function pageOf<S, T>(
  all: readonly S[],
  first: number,
  after: string | null | undefined,
  map: (s: S) => T,
): Page<T> {
  if (!Number.isInteger(first) || first < 0 || first > 100)
    throw badInput('first must be between 0 and 100', { field: 'first' });
  let start = 0;
  if (after) {
    const index = decodeCursor<number>(after);
    if (typeof index !== 'number' || index < 0)
      throw badInput('after is not a cursor from this list', { field: 'after' });
    start = index + 1;
  }
  const slice = all.slice(start, start + first);
  return {
    nodes: slice.map(map),
    totalCount: all.length,
    pageInfo: Object.assign(new PageInfo(), {
      hasNextPage: start + first < all.length,
      endCursor: slice.length ? encodeCursor(start + slice.length - 1) : null,
    }),
  };
}
