import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { build } from '@zhongtai/subgraph-kit';
import type { StoreDoc } from '../domain/records.js';

@Directive('@key(fields: "id")')
@ObjectType('Store')
export class Store {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  region!: string;

  static from(doc: Pick<StoreDoc, 'storeId' | 'name' | 'region'>): Store {
    return build(Store, { id: doc.storeId, name: doc.name, region: doc.region });
  }
}
