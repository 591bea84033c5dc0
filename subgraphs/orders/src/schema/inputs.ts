import { Field, ID, InputType, Int } from 'type-graphql';
import type { Channel } from '@zhongtai/contracts';
import { ChannelEnum, DateTimeScalar } from '@zhongtai/subgraph-kit';
import { OrderStatusEnum } from './types.js';

@InputType('IdentifyMemberInput')
export class BuyerInput {
  @Field(() => ChannelEnum) channel!: Channel;
  @Field(() => String) externalId!: string;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) displayName?: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'Store where the customer was met (QR scan, POS), if any.',
  })
  storeId?: string | null;
  @Field(() => ID, {
    nullable: true,
    description:
      "The clerk (导购) whose QR code the customer scanned, with the storeId it works at: a member created this way is the clerk's recruit (R-ID-4).",
  })
  recruitedBy?: string | null;
  @Field(() => [ChannelEnum], {
    nullable: true,
    description:
      'Channels the customer opted into as it was met (e.g. following the WeChat account: WECHAT). Recorded only where the member has made no choice on that channel yet (a recorded opt-out stands), before the member is announced, so a welcome can go out on them (R-ID-6).',
  })
  consents?: Channel[] | null;
  @Field(() => String, {
    nullable: true,
    description:
      "The customer's birthday, YYYY-MM-DD or MM-DD (only month and day are kept): birthday campaigns. Recorded where the member has none.",
  })
  birthday?: string | null;
}

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
