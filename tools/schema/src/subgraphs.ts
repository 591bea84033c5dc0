import { contentSdl } from '@zhongtai/content';
import { customerServiceSdl } from '@zhongtai/customer-service';
import { inventorySdl } from '@zhongtai/inventory';
import { memberSdl } from '@zhongtai/member';
import { ordersSdl } from '@zhongtai/orders';
import { pointsSdl } from '@zhongtai/points';

/**
 * The six subgraphs with their default in-cluster URLs (Kubernetes service names of the Helm
 * chart); the gateway overrides them from configuration.
 */
export const SUBGRAPHS: ReadonlyArray<{ name: string; url: string; sdl: () => Promise<string> }> = [
  { name: 'member', url: 'http://zhongtai-member:4001/graphql', sdl: memberSdl },
  { name: 'points', url: 'http://zhongtai-points:4002/graphql', sdl: pointsSdl },
  { name: 'orders', url: 'http://zhongtai-orders:4003/graphql', sdl: ordersSdl },
  { name: 'inventory', url: 'http://zhongtai-inventory:4004/graphql', sdl: inventorySdl },
  { name: 'customer-service', url: 'http://zhongtai-customer-service:4005/graphql', sdl: customerServiceSdl },
  { name: 'content', url: 'http://zhongtai-content:4006/graphql', sdl: contentSdl },
];
