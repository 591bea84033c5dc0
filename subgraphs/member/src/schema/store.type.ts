import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { StoreDoc } from '../store/models.js';

@Directive('@key(fields: "id")')
@ObjectType('Store')
export class Store {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  region!: string;

  static from(doc: StoreDoc): Store {
    return Object.assign(new Store(), { id: doc.storeId, name: doc.name, region: doc.region });
  }
}
