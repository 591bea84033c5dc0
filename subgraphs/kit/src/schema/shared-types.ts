import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CHANNELS, type Channel, badInput } from '@zhongtai/contracts';

/**
 * GraphQL types several subgraphs use. They are declared once here so every subgraph prints them
 * identically (value types are `@shareable`; enums must match across subgraphs to compose).
 */
export const ChannelEnum = Object.fromEntries(CHANNELS.map((c) => [c, c])) as { [K in Channel]: K };
registerEnumType(ChannelEnum, { name: 'Channel', description: 'Sales and contact channels' });

/**
 * How a channel tells the platform about a customer it met: the member center's `identifyMember` and
 * the buyer of an order (orders pass it on). One class, so both subgraphs declare the same input.
 */
@InputType('IdentifyMemberInput')
export class IdentifyMemberInput {
  @Field(() => ChannelEnum)
  channel!: Channel;

  @Field(() => String)
  externalId!: string;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  displayName?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Store where the customer was met (QR scan, POS), if any.',
  })
  storeId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "The clerk (导购) whose QR code the customer scanned, with the storeId it works at: a member created this way is the clerk's recruit (R-ID-4).",
  })
  recruitedBy?: string | null;

  @Field(() => [ChannelEnum], {
    nullable: true,
    description:
      'Channels the customer opted into as it was met (e.g. following the WeChat account: WECHAT). Recorded only where the member has made no choice on that channel yet (a recorded opt-out stands), before the member is announced, so a welcome can go out on them (R-ID-6).',
  })
  consents?: Channel[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The customer's birthday, YYYY-MM-DD or MM-DD (only month and day are kept): birthday campaigns. Recorded where the member has none.",
  })
  birthday?: string | null;
}

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
