import { ALL_ROLES, TENANT_ROLES, definePolicies } from '@zhongtai/subgraph-kit';

/** Catalogue and stock: no member data; master data is written by tenant-wide roles and the WMS adapter. */
export const inventoryPolicies = definePolicies({
  'Query.sku': { roles: ALL_ROLES, scope: 'catalogue data (no member data)' },
  'Query.skus': { roles: ALL_ROLES, scope: 'catalogue data (no member data)' },
  'Sku.__resolveReference': { roles: ALL_ROLES, scope: 'catalogue data (no member data)' },
  'Mutation.upsertSku': { roles: TENANT_ROLES, scope: 'tenant' },
  'Mutation.recordStock': { roles: ['SYSTEM'], scope: 'tenant (the WMS adapter)' },
});
