import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar, build } from '@zhongtai/subgraph-kit';
import type { SkuDoc } from '../domain/records.js';
import type { Availability as StockAvailability } from '../domain/stock.js';

@ObjectType('Availability')
export class Availability {
  @Field(() => Int)
  onHand!: number;

  @Field(() => Int)
  available!: number;

  @Field(() => DateTimeScalar)
  asOf!: Date;

  @Field(() => Boolean, { description: 'True when served from cache because the WMS did not answer.' })
  stale!: boolean;

  static from(a: StockAvailability): Availability {
    return build(Availability, { onHand: a.onHand, available: a.available, asOf: a.asOf, stale: a.stale });
  }
}

@Directive('@key(fields: "code")')
@ObjectType('Sku')
export class Sku {
  @Field(() => String)
  code!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true })
  category!: string | null;

  static from(d: Pick<SkuDoc, 'code' | 'name' | 'category'>): Sku {
    return build(Sku, { code: d.code, name: d.name ?? null, category: d.category ?? null });
  }

  /** A code the catalogue does not know (a legacy order may carry one): only its code. */
  static unknown(code: string): Sku {
    return build(Sku, { code, name: null, category: null });
  }
}
