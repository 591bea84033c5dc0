import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '@zhongtai/subgraph-kit';
import type { SkuDoc } from '../store/models.js';

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

  static from(d: SkuDoc): Sku {
    return Object.assign(new Sku(), { code: d.code, name: d.name ?? null, category: d.category ?? null });
  }

  static unknown(code: string): Sku {
    return Object.assign(new Sku(), { code, name: null, category: null });
  }
}
