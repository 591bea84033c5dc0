import { Field, ID, InputType, Int } from 'type-graphql';
import type { Channel } from '@zhongtai/contracts';
import { ChannelEnum, DateTimeScalar, IdentifyMemberInput as BuyerInput } from '@zhongtai/subgraph-kit';
import { OrderStatusEnum } from './types.js';

/** The buyer as the source knows it: the member center's `IdentifyMemberInput` (the kit's shared class). */
export { BuyerInput };

@InputType('OrderLineInput')
export class OrderLineInput {
  @Field(() => String) sku!: string;
  @Field(() => Int) quantity!: number;
  @Field(() => Int) unitPrice!: number;
}

@InputType('IngestOrderInput')
export class IngestOrderInput {
  @Field(() => String) source!: string;
  @Field(() => String) externalId!: string;
  @Field(() => ChannelEnum) channel!: Channel;
  @Field(() => ID, { nullable: true }) storeId?: string | null;
  @Field(() => BuyerInput, {
    nullable: true,
    description: 'How the buyer is known to the source system; used to identify the member.',
  })
  buyer?: BuyerInput | null;
  @Field(() => [OrderLineInput]) lines!: OrderLineInput[];
  @Field(() => String, { nullable: true, defaultValue: 'CNY' }) currency?: string | null;
  @Field(() => DateTimeScalar) placedAt!: Date;
  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description:
      'A historical order from a bulk import: it counts in history and metrics but earns no points (legacy balances are imported as opening balances).',
  })
  historical?: boolean | null;
  @Field(() => OrderStatusEnum, { nullable: true, defaultValue: 'COMPLETED' }) status?:
    'PLACED' | 'COMPLETED' | 'CANCELLED' | null;
}

@InputType('RefundOrderInput')
export class RefundOrderInput {
  @Field(() => ID) orderId!: string;
  @Field(() => String) refundId!: string;
  @Field(() => Int) amount!: number;
  @Field(() => String, { nullable: true }) reason?: string | null;
}

@InputType('IngestRefundInput', {
  description: 'A refund reported by a source system, by the order it knows; may arrive before the order.',
})
export class IngestRefundInput {
  @Field(() => String) source!: string;
  @Field(() => String) orderExternalId!: string;
  @Field(() => String) refundId!: string;
  @Field(() => Int) amount!: number;
  @Field(() => String, { nullable: true }) reason?: string | null;
}

@InputType('ImportOrdersInput')
export class ImportOrdersInput {
  @Field(() => [IngestOrderInput], {
    description: 'Up to 500 historical orders (earning no points), each as ingestOrder takes it.',
  })
  orders!: IngestOrderInput[];
}
