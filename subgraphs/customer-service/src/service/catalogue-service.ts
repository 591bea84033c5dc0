import type { Clock } from '@zhongtai/subgraph-kit';
import type { CareSettings, SurveyTemplateDoc } from '../domain/records.js';
import { mergeSettings } from '../domain/settings.js';
import { checkTemplate } from '../domain/templates.js';
import type { CatalogueRepository } from '../store/catalogue-repository.js';

export interface TemplateInput {
  category: string;
  delayDays: number;
  questions: string[];
  keywordTags?: Array<{ keyword: string; tag: string }> | null;
}

/**
 * What the loop is configured with: survey templates per category (HQ), the SKU → category map of
 * the item master (followed from `sku.changed`, which the ERP/WMS adapters cause), the tenant's SLA,
 * quiet hours and store contacts.
 */
export class CatalogueService {
  constructor(
    private readonly repo: CatalogueRepository,
    private readonly clock: Clock,
  ) {}

  templates(tenant: string): Promise<SurveyTemplateDoc[]> {
    return this.repo.templates(tenant);
  }

  template(tenant: string, category: string): Promise<SurveyTemplateDoc | null> {
    return this.repo.template(tenant, category);
  }

  async saveTemplate(tenant: string, input: TemplateInput): Promise<SurveyTemplateDoc> {
    const t = {
      category: input.category.trim(),
      delayDays: input.delayDays,
      questions: input.questions.map((q) => q.trim()),
      keywordTags: (input.keywordTags ?? []).map((k) => ({ keyword: k.keyword.trim(), tag: k.tag.trim() })),
    };
    checkTemplate(t);
    return this.repo.saveTemplate({ tenant, ...t, updatedAt: this.clock.now() });
  }

  /** A store's region (`store.changed`): a region's ticket list covers its stores. */
  storeChanged(tenant: string, storeId: string, region: string): Promise<void> {
    return this.repo.setStoreRegion(tenant, storeId, region);
  }

  storesOf(tenant: string, region: string): Promise<string[]> {
    return this.repo.storesOf(tenant, region);
  }

  skuChanged(tenant: string, sku: string, category: string): Promise<void> {
    return this.repo.setCategory(tenant, sku, category);
  }

  categoriesOf(tenant: string, skus: readonly string[]): Promise<Map<string, string>> {
    return this.repo.categoriesOf(tenant, skus);
  }

  skusOf(tenant: string, category: string): Promise<string[]> {
    return this.repo.skusOf(tenant, category);
  }

  settings(tenant: string): Promise<CareSettings> {
    return this.repo.settings(tenant);
  }

  async setSettings(tenant: string, input: Partial<CareSettings>): Promise<CareSettings> {
    const next = mergeSettings(await this.repo.settings(tenant), input);
    await this.repo.saveSettings(tenant, next, this.clock.now());
    return next;
  }
}
