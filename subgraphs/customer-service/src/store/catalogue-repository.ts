import type { Connection } from 'mongoose';
import type { CareSettings, QuestionnaireDoc, SkuCategoryDoc, SurveyTemplateDoc } from '../domain/records.js';
import { key } from '../domain/records.js';
import { DEFAULT_SETTINGS } from '../domain/settings.js';
import { type CareModels, careModels } from './models.js';

/** Survey templates per category, the item master's SKU categories, the tenant's settings. */
export class CatalogueRepository {
  private readonly m: CareModels;
  constructor(db: Connection) {
    this.m = careModels(db);
  }

  async init(): Promise<void> {
    await Promise.all([
      this.m.Template.init(),
      this.m.SkuCategory.init(),
      this.m.Settings.init(),
      this.m.Questionnaire.init(),
      this.m.StoreRegion.init(),
    ]);
  }

  async templates(tenant: string): Promise<SurveyTemplateDoc[]> {
    return this.m.Template.find({ tenant }).sort({ category: 1 }).lean<SurveyTemplateDoc[]>();
  }

  async template(tenant: string, category: string): Promise<SurveyTemplateDoc | null> {
    return this.m.Template.findById(key(tenant, category)).lean<SurveyTemplateDoc>();
  }

  async saveTemplate(t: Omit<SurveyTemplateDoc, '_id'>): Promise<SurveyTemplateDoc> {
    const _id = key(t.tenant, t.category);
    await this.m.Template.replaceOne({ _id }, { _id, ...t }, { upsert: true });
    return { _id, ...t };
  }

  /** The item master's category of each SKU (from `sku.changed`). */
  async categoriesOf(tenant: string, skus: readonly string[]): Promise<Map<string, string>> {
    const docs = await this.m.SkuCategory.find({ _id: { $in: skus.map((s) => key(tenant, s)) } }).lean<
      SkuCategoryDoc[]
    >();
    return new Map(docs.map((d) => [d.sku, d.category]));
  }

  async skusOf(tenant: string, category: string): Promise<string[]> {
    return (
      await this.m.SkuCategory.find({ tenant, category }).sort({ sku: 1 }).lean<SkuCategoryDoc[]>()
    ).map((d) => d.sku);
  }

  async setCategory(tenant: string, sku: string, category: string): Promise<void> {
    await this.m.SkuCategory.updateOne(
      { _id: key(tenant, sku) },
      { $set: { tenant, sku, category } },
      { upsert: true },
    );
  }

  async settings(tenant: string): Promise<CareSettings> {
    const doc = await this.m.Settings.findById(tenant).lean<CareSettings & { _id: string }>();
    if (!doc) return DEFAULT_SETTINGS;
    const { _id: _id, updatedAt: _at, ...rest } = doc as CareSettings & { _id: string; updatedAt?: Date };
    return { ...DEFAULT_SETTINGS, ...rest };
  }

  async saveSettings(tenant: string, s: CareSettings, at: Date): Promise<void> {
    await this.m.Settings.replaceOne({ _id: tenant }, { _id: tenant, ...s, updatedAt: at }, { upsert: true });
  }

  async questionnaire(tenant: string, id: string): Promise<QuestionnaireDoc | null> {
    return this.m.Questionnaire.findById(key(tenant, id)).lean<QuestionnaireDoc>();
  }

  /** Records a questionnaire (or its member count once it has been sent to all). */
  async saveQuestionnaire(q: QuestionnaireDoc): Promise<void> {
    await this.m.Questionnaire.replaceOne({ _id: q._id }, q, { upsert: true });
  }

  async setStoreRegion(tenant: string, storeId: string, region: string): Promise<void> {
    await this.m.StoreRegion.updateOne(
      { _id: key(tenant, storeId) },
      { $set: { tenant, storeId, region } },
      { upsert: true },
    );
  }

  async storesOf(tenant: string, region: string): Promise<string[]> {
    return (await this.m.StoreRegion.find({ tenant, region }).lean<Array<{ storeId: string }>>()).map(
      (s) => s.storeId,
    );
  }
}
