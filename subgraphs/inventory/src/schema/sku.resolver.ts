import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { badInput } from '@zhongtai/contracts';
import { DateTimeScalar, type RequestContext } from '@zhongtai/subgraph-kit';
import type { InventoryService } from '../service/inventory-service.js';
import { Availability, Sku } from './types.js';

@InputType('UpsertSkuInput')
export class UpsertSkuInput {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => String) category!: string;
}

@InputType('StockLevelInput')
export class StockLevelInput {
  @Field(() => String) sku!: string;
  @Field(() => ID) locationId!: string;
  @Field(() => Int) onHand!: number;
  @Field(() => Int) available!: number;
  @Field(() => DateTimeScalar, { nullable: true }) asOf?: Date | null;
}

const MAX_CODES = 100;

@Resolver(() => Sku)
export class SkuResolver {
  constructor(private readonly inventory: InventoryService) {}

  @Query(() => Sku, { nullable: true })
  async sku(@Arg('code', () => String) code: string, @Ctx() ctx: RequestContext): Promise<Sku | null> {
    const doc = await this.inventory.skus(ctx).load(code);
    return doc && Sku.from(doc);
  }

  @Query(() => [Sku], {
    nullable: 'items',
    description: `Several SKUs in one request, in the order asked (null for an unknown code); at most ${MAX_CODES} codes.`,
  })
  async skus(
    @Arg('codes', () => [String]) codes: string[],
    @Ctx() ctx: RequestContext,
  ): Promise<Array<Sku | null>> {
    if (codes.length > MAX_CODES)
      throw badInput(`at most ${MAX_CODES} codes in one request (${codes.length} asked)`, { field: 'codes' });
    const docs = await this.inventory.skus(ctx).loadMany(codes.map((c) => c.trim()));
    const failed = docs.find((d) => d instanceof Error);
    if (failed) throw failed;
    return docs.map((d) => (d ? Sku.from(d as Exclude<typeof d, Error>) : null));
  }

  @FieldResolver(() => Availability)
  async availability(
    @Root() sku: Sku,
    @Ctx() ctx: RequestContext,
    @Arg('storeId', () => ID, { nullable: true }) storeId?: string | null,
  ): Promise<Availability> {
    return Availability.from(await this.inventory.availability(ctx, sku.code, storeId));
  }

  @Mutation(() => Sku, { description: 'HQ and SYSTEM: catalogue master data.' })
  async upsertSku(
    @Arg('input', () => UpsertSkuInput) input: UpsertSkuInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Sku> {
    await this.inventory.upsertSku(ctx.tenant, input);
    return Sku.from(input);
  }

  @Mutation(() => Boolean, { description: 'SYSTEM: a stock reading pushed by the WMS adapter.' })
  async recordStock(
    @Arg('input', () => StockLevelInput) input: StockLevelInput,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    await this.inventory.recordStock(ctx.tenant, {
      code: input.sku,
      locationId: input.locationId,
      onHand: input.onHand,
      available: input.available,
      asOf: input.asOf,
    });
    return true;
  }
}
