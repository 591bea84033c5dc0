import type { ServiceCall } from '@zhongtai/subgraph-kit';
import {
  CARE_SETTINGS,
  CAMPAIGNS,
  CONTENT,
  DEMO_TENANT,
  SEGMENTS,
  SKUS,
  STORES,
  SURVEY_TEMPLATES,
  TAG_RULE,
} from './catalog.js';
import { pool } from './random.js';
import { retryUnavailable } from '@zhongtai/adapter-kit';

export interface MasterDataResult {
  stores: number;
  skus: number;
  content: number;
  segments: number;
}

/**
 * The demo brand's master data (stores, the catalogue, content, segments, a rule tag, survey
 * templates and store contacts), written
 * through the public API as a SYSTEM caller. Customers, orders, balances and stock do not come from
 * here: they flow in from the legacy simulators through the adapters (see `../legacy/`).
 * Idempotent: upserts with natural keys (so a call the platform did not answer is simply made again).
 */
export async function seedMasterData(opts: {
  call: ServiceCall;
  /** the brand to seed (default the demo brand; e2e tests seed a tenant of their own) */
  tenant?: string;
}): Promise<MasterDataResult> {
  const tenant = opts.tenant ?? DEMO_TENANT;
  const call = async (query: string, variables: Record<string, unknown>) => {
    try {
      return await retryUnavailable(() => opts.call(tenant, query, variables));
    } catch (error) {
      throw new Error(`seed step failed: ${(error as Error).message}`);
    }
  };
  for (const s of STORES)
    await call('mutation($i: UpsertStoreInput!) { upsertStore(input: $i) { id } }', { i: s });
  await pool(
    8,
    SKUS.map(
      (s) => () =>
        call('mutation($i: UpsertSkuInput!) { upsertSku(input: $i) { code } }', {
          i: { code: s.code, name: s.name, category: s.category },
        }),
    ),
  );
  for (const c of CONTENT)
    await call('mutation($i: UpsertContentItemInput!) { upsertContentItem(input: $i) { id } }', { i: c });
  for (const c of CAMPAIGNS)
    await call('mutation($i: CampaignInput!) { saveCampaign(input: $i) { id } }', { i: c });
  for (const segment of SEGMENTS)
    await call('mutation($i: SaveSegmentInput!) { saveSegment(input: $i) { id } }', { i: segment });
  await call('mutation($i: SaveTagRuleInput!) { saveTagRule(input: $i) { tag } }', { i: TAG_RULE });
  for (const t of SURVEY_TEMPLATES)
    await call('mutation($i: SurveyTemplateInput!) { saveSurveyTemplate(input: $i) { category } }', { i: t });
  await call('mutation($i: CareSettingsInput!) { setCareSettings(input: $i) { slaHours } }', {
    i: CARE_SETTINGS,
  });
  return { stores: STORES.length, skus: SKUS.length, content: CONTENT.length, segments: SEGMENTS.length };
}
