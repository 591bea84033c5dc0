import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { type Actor, type Claims, notFound } from '@zhongtai/contracts';
import { DateTimeScalar, type RequestContext, pageOf } from '@zhongtai/subgraph-kit';
import type { OrderDoc } from '../domain/records.js';
import type { ImportService } from '../service/import-service.js';
import type { IntakeService } from '../service/intake-service.js';
import type { ReadService } from '../service/read-service.js';
import type { RefundService } from '../service/refund-service.js';
import { ImportOrdersInput, IngestOrderInput, IngestRefundInput, RefundOrderInput } from './inputs.js';
import {
  ImportOrdersPayload,
  IngestOrderPayload,
  Member,
  Order,
  OrderConnection,
  OrderStats,
  Sku,
  SkuBundle,
  StoreMetrics,
} from './types.js';

/** Who typed the order in: a person (staff, or a service acting for one); none for a system. */
function actorOf(claims: Claims): Actor | undefined {
  if (claims.role === 'SYSTEM') return claims.actor;
  return { role: claims.role, sub: claims.sub, storeId: claims.storeId, region: claims.region };
}

@Resolver(() => Order)
export class OrderResolver {
  constructor(
    private readonly reads: ReadService,
    private readonly intake: IntakeService,
    private readonly refunds: RefundService,
    private readonly imports: ImportService,
  ) {}

  @Query(() => Order, { nullable: true })
  async order(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Order | null> {
    const doc = await this.reads.orders(ctx).load(id);
    return doc && Order.from(doc);
  }

  @Query(() => StoreMetrics, {
    description:
      'Headline metrics of a store (or the tenant, HQ) over whole business days of the tenant (its time zone, default Asia/Shanghai): every day that the period [from, to) touches.',
  })
  async storeMetrics(
    @Arg('storeId', () => ID, { nullable: true }) storeId: string | null,
    @Arg('from', () => DateTimeScalar) from: Date,
    @Arg('to', () => DateTimeScalar) to: Date,
    @Ctx() ctx: RequestContext,
  ): Promise<StoreMetrics> {
    const m = await this.reads.storeMetrics(ctx, storeId ?? null, from, to);
    return StoreMetrics.from(storeId ?? null, m);
  }

  @Mutation(() => IngestOrderPayload, {
    description:
      'SYSTEM and HQ (adapters, imports); a clerk for its own store. Idempotent by (source, externalId).',
  })
  async ingestOrder(
    @Arg('input', () => IngestOrderInput) input: IngestOrderInput,
    @Ctx() ctx: RequestContext,
  ): Promise<IngestOrderPayload> {
    return IngestOrderPayload.from(await this.intake.ingest(ctx.tenant, input, actorOf(ctx.claims)));
  }

  @Mutation(() => ImportOrdersPayload, {
    description:
      'SYSTEM (bulk imports): up to 500 historical orders at once, no points; idempotent by (source, externalId). Bad orders are reported, the rest imported.',
  })
  async importOrders(
    @Arg('input', () => ImportOrdersInput) input: ImportOrdersInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ImportOrdersPayload> {
    return ImportOrdersPayload.from(await this.imports.importOrders(ctx.tenant, input.orders));
  }

  @Mutation(() => Order, {
    description: 'Partial or full; idempotent by refundId; never beyond the order total.',
  })
  async refundOrder(
    @Arg('input', () => RefundOrderInput) input: RefundOrderInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Order> {
    if (!(await this.reads.orders(ctx).load(input.orderId))) throw notFound(`no order ${input.orderId}`);
    return Order.from(await this.refunds.refundOrder(ctx.tenant, input));
  }

  @Mutation(() => Order, {
    nullable: true,
    description: 'SYSTEM: a refund from a source system; null while its order has not arrived yet.',
  })
  async ingestRefund(
    @Arg('input', () => IngestRefundInput) input: IngestRefundInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Order | null> {
    const doc = await this.refunds.ingestRefund(ctx.tenant, input);
    return doc && Order.from(doc);
  }
}

@Resolver(() => Member)
export class MemberOrdersResolver {
  constructor(private readonly reads: ReadService) {}

  @FieldResolver(() => OrderConnection, {
    description: 'Newest first, including orders of members merged into this one.',
  })
  async orders(
    @Root() m: Member,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<OrderConnection> {
    const { ids } = await this.reads.summary(ctx, m.id);
    const page = pageOf(ids, first, after, (id) => id);
    const docs = await this.reads.orders(ctx).loadMany(page.nodes);
    return OrderConnection.from(
      page,
      docs.filter((d): d is OrderDoc => !!d && !(d instanceof Error)),
    );
  }

  @FieldResolver(() => OrderStats)
  async orderStats(@Root() m: Member, @Ctx() ctx: RequestContext): Promise<OrderStats> {
    const { stats } = await this.reads.summary(ctx, m.id);
    return OrderStats.from(stats);
  }
}

@Resolver(() => Sku)
export class SkuBundleResolver {
  constructor(private readonly reads: ReadService) {}

  @FieldResolver(() => [SkuBundle], {
    description: 'Products most often bought in the same order (store terminal, recommendations).',
  })
  async boughtTogether(
    @Root() sku: Sku,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { defaultValue: 5 }) first: number,
  ): Promise<SkuBundle[]> {
    return (await this.reads.boughtTogether(ctx, sku.code, first)).map((b) => SkuBundle.from(b));
  }
}
