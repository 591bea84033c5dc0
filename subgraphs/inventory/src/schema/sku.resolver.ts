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

@Resolver(() => Sku)
export class SkuResolver {
  constructor(private readonly inventory: InventoryService) {}

  @Query(() => Sku, { nullable: true })
  async sku(@Arg('code', () => String) code: string, @Ctx() ctx: RequestContext): Promise<Sku | null> {
    const doc = await this.inventory.skus(ctx).load(code);
    return doc && Sku.from(doc);
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
