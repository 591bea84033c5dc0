import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { type Channel } from '@zhongtai/contracts';
import { ChannelEnum, DateTimeScalar, Money, PageInfo, entityRef } from '@zhongtai/subgraph-kit';
import type { OrderDoc, OrderStatus } from '../store/models.js';

export const Member = entityRef('Member');
export type Member = InstanceType<typeof Member>;
export const Store = entityRef('Store', { resolvable: false });
/** this subgraph adds `boughtTogether` to Sku, so it resolves Sku references (key only) */
export const Sku = entityRef('Sku', { key: 'code', keyType: 'String' });
export type Sku = InstanceType<typeof Sku>;

export const OrderStatusEnum = {
  PLACED: 'PLACED',
  COMPLETED: 'COMPLETED',
  PARTIALLY_REFUNDED: 'PARTIALLY_REFUNDED',
  REFUNDED: 'REFUNDED',
  CANCELLED: 'CANCELLED',
} as const;
registerEnumType(OrderStatusEnum, { name: 'OrderStatus' });

@ObjectType('OrderLine')
export class OrderLine {
  @Field(() => Sku)
  sku!: InstanceType<typeof Sku>;

  @Field(() => Int)
  quantity!: number;

  @Field(() => Money)
  unitPrice!: Money;
}

@Directive('@key(fields: "id")')
@ObjectType('Order')
export class Order {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  source!: string;

  @Field(() => String)
  externalId!: string;

  @Field(() => ChannelEnum)
  channel!: Channel;

  @Field(() => Store, { nullable: true })
  store!: InstanceType<typeof Store> | null;

  @Field(() => Member, { nullable: true })
  member!: Member | null;

  @Field(() => OrderStatusEnum)
  status!: OrderStatus;

  @Field(() => [OrderLine])
  lines!: OrderLine[];

  @Field(() => Money)
  total!: Money;

  @Field(() => DateTimeScalar)
  placedAt!: Date;

  static from(d: OrderDoc): Order {
    return Object.assign(new Order(), {
      id: d._id,
      source: d.source,
      externalId: d.externalId,
      channel: d.channel,
      store: d.storeId ? Object.assign(new Store(), { id: d.storeId }) : null,
      member: d.memberId ? Object.assign(new Member(), { id: d.memberId }) : null,
      status: d.status,
      lines: d.lines.map((l) =>
        Object.assign(new OrderLine(), {
          sku: Object.assign(new Sku(), { code: l.sku }),
          quantity: l.quantity,
          unitPrice: Money.of(l.unitPrice, d.currency),
        }),
      ),
      total: Money.of(d.total, d.currency),
      placedAt: d.placedAt,
    });
  }
}

@ObjectType('OrderConnection')
export class OrderConnection {
  @Field(() => [Order])
  nodes!: Order[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}

@ObjectType('OrderStats')
export class OrderStats {
  @Field(() => Int)
  orderCount!: number;

  @Field(() => Money)
  totalSpent!: Money;

  @Field(() => DateTimeScalar, { nullable: true })
  firstOrderAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  lastOrderAt!: Date | null;

  @Field(() => Boolean)
  isRepeatCustomer!: boolean;
}
