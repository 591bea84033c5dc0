import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { Money, type RequestContext, pageOf } from '@zhongtai/subgraph-kit';
import { orderStats } from '../domain/order-stats.js';
import type { OrderService } from '../service/order-service.js';
import { Member, Order, OrderConnection, OrderStats } from './types.js';

@Resolver(() => Order)
export class OrderResolver {
  constructor(private readonly orders: OrderService) {}

  @Query(() => Order, { nullable: true })
  async order(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Order | null> {
    const doc = await this.orders.visibleOrder(ctx, id);
    return doc && Order.from(doc);
  }
}

@Resolver(() => Member)
export class MemberOrdersResolver {
  constructor(private readonly service: OrderService) {}

  @FieldResolver(() => OrderConnection)
  async orders(
    @Root() m: Member,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<OrderConnection> {
    const all = await this.service.memberOrders(ctx, m.id);
    return Object.assign(new OrderConnection(), pageOf(all, first, after, Order.from));
  }

  @FieldResolver(() => OrderStats)
  async orderStats(@Root() m: Member, @Ctx() ctx: RequestContext): Promise<OrderStats> {
    const docs = await this.service.memberOrders(ctx, m.id);
    const s = orderStats(docs);
    const currency = docs[0]?.currency ?? 'CNY';
    return Object.assign(new OrderStats(), { ...s, totalSpent: Money.of(s.totalSpent, currency) });
  }
}
