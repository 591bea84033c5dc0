import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { type Channel } from '@zhongtai/contracts';
import {
  ChannelEnum,
  DateTimeScalar,
  Money,
  type Page,
  PageInfo,
  build,
  entityRef,
} from '@zhongtai/subgraph-kit';
import type { MemberOrderStats } from '../domain/order-stats.js';
import type { OrderDoc, OrderLineDoc, OrderStatus } from '../domain/records.js';
import type { StoreMetricsValue } from '../domain/metric-nodes.js';

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

  static from(l: OrderLineDoc, currency: string): OrderLine {
    return build(OrderLine, {
      sku: build(Sku, { code: l.sku }),
      quantity: l.quantity,
      unitPrice: Money.of(l.unitPrice, currency),
    });
  }
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
    return build(Order, {
      id: d._id,
      source: d.source,
      externalId: d.externalId,
      channel: d.channel,
      store: d.storeId ? build(Store, { id: d.storeId }) : null,
      member: d.memberId ? build(Member, { id: d.memberId }) : null,
      status: d.status,
      lines: d.lines.map((l) => OrderLine.from(l, d.currency)),
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

  /** A page of a member's orders (`page` of order ids) with the orders found for it. */
  static from(page: Page<string>, orders: OrderDoc[]): OrderConnection {
    return build(OrderConnection, {
      nodes: orders.map((o) => Order.from(o)),
      pageInfo: page.pageInfo,
      totalCount: page.totalCount,
    });
  }
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

  static from(s: MemberOrderStats & { currency: string }): OrderStats {
    return build(OrderStats, {
      orderCount: s.orderCount,
      totalSpent: Money.of(s.totalSpent, s.currency),
      firstOrderAt: s.firstOrderAt,
      lastOrderAt: s.lastOrderAt,
      isRepeatCustomer: s.isRepeatCustomer,
    });
  }
}

@ObjectType('IngestOrderPayload')
export class IngestOrderPayload {
  @Field(() => Order) order!: Order;
  @Field(() => Boolean, { description: 'False when (source, externalId) was already ingested.' })
  created!: boolean;

  static from(r: { order: OrderDoc; created: boolean }): IngestOrderPayload {
    return build(IngestOrderPayload, { order: Order.from(r.order), created: r.created });
  }
}

@ObjectType('StoreMetrics')
export class StoreMetrics {
  @Field(() => Store, { nullable: true }) store!: InstanceType<typeof Store> | null;
  @Field(() => Int) identifiedCustomers!: number;
  @Field(() => Int) newMembers!: number;
  @Field(() => Number, {
    description: 'Share (0..1) of orders in the period placed by members with an earlier order.',
  })
  repeatPurchaseShare!: number;
  @Field(() => Int) orderCount!: number;
  @Field(() => Money) revenue!: Money;

  /** The metrics of a store, or of the tenant (`storeId` null). */
  static from(storeId: string | null, m: StoreMetricsValue): StoreMetrics {
    return build(StoreMetrics, {
      store: storeId ? build(Store, { id: storeId }) : null,
      identifiedCustomers: m.identifiedCustomers,
      newMembers: m.newMembers,
      repeatPurchaseShare: m.repeatPurchaseShare,
      orderCount: m.orderCount,
      revenue: Money.of(m.revenue),
    });
  }
}

@ObjectType('SkuBundle', {
  description: 'A product bought together with another, and how many orders had both.',
})
export class SkuBundle {
  @Field(() => Sku) sku!: Sku;
  @Field(() => Int) orders!: number;

  static from(b: { sku: string; count: number }): SkuBundle {
    return build(SkuBundle, { sku: build(Sku, { code: b.sku }), orders: b.count });
  }
}

@ObjectType('ImportOrderRejection', { description: 'An order of a batch that was not imported, and why.' })
export class ImportOrderRejection {
  @Field(() => Int, { description: 'Its position in the batch (from 0).' }) index!: number;
  @Field(() => String, { description: 'The error code it would have had alone (e.g. BAD_USER_INPUT).' })
  code!: string;
  @Field(() => String) message!: string;
}

@ObjectType('ImportOrdersPayload')
export class ImportOrdersPayload {
  @Field(() => Int, { description: 'Orders written by this batch.' }) created!: number;
  @Field(() => Int, { description: 'Orders known already (a resumed import sends some again).' })
  existing!: number;
  @Field(() => [ImportOrderRejection]) rejected!: ImportOrderRejection[];

  static from(r: {
    created: number;
    existing: number;
    rejected: ImportOrderRejection[];
  }): ImportOrdersPayload {
    return build(ImportOrdersPayload, {
      created: r.created,
      existing: r.existing,
      rejected: r.rejected.map((x) => build(ImportOrderRejection, x)),
    });
  }
}
