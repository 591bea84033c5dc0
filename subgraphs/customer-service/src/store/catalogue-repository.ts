import type { Connection } from 'mongoose';
import { type Cache, ReadThrough, SkuCategories } from '@zhongtai/subgraph-kit';
import type { CareSettings, QuestionnaireDoc, SkuCategoryDoc, SurveyTemplateDoc } from '../domain/records.js';
import { key } from '../domain/records.js';
import { DEFAULT_SETTINGS } from '../domain/settings.js';
import { type CareModels, careModels } from './models.js';

type SettingsDoc = CareSettings & { _id: string; updatedAt?: Date };

/** Survey templates per category, the item master's SKU categories, the tenant's settings. */
export class CatalogueRepository {
  private readonly m: CareModels;
  /** read on every answer: cached (every write puts the new value through, absent ones cached too) */
  private readonly templateCache: ReadThrough<SurveyTemplateDoc>;
  private readonly settingsCache: ReadThrough<SettingsDoc>;
  /** a category's SKUs, read on every satisfied answer: forgotten when a SKU joins or leaves it */
  private readonly skusCache: ReadThrough<{ skus: string[] }>;
  /** each SKU's category, read for every order's lines */
  private readonly categories: SkuCategories;

  constructor(db: Connection, cache: Cache) {
    this.m = careModels(db);
    this.templateCache = new ReadThrough({
      cache,
      prefix: 'cs:template:',
      ttlSeconds: 300,
      dates: ['updatedAt'],
      cacheMisses: true,
    });
    this.settingsCache = new ReadThrough({
      cache,
      prefix: 'cs:settings:',
      ttlSeconds: 300,
      cacheMisses: true,
    });
    this.skusCache = new ReadThrough({ cache, prefix: 'cs:category-skus:', ttlSeconds: 60 });
    this.categories = new SkuCategories(cache, 'cs:sku-category:');
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
    const id = key(tenant, category);
    const found = await this.templateCache.load([id], async (ids) =>
      (await this.m.Template.find({ _id: { $in: ids } }).lean<SurveyTemplateDoc[]>()).map((t) => ({
        key: t._id,
        value: t,
      })),
    );
    return found.get(id) ?? null;
  }

  async saveTemplate(t: Omit<SurveyTemplateDoc, '_id'>): Promise<SurveyTemplateDoc> {
    const _id = key(t.tenant, t.category);
    await this.m.Template.replaceOne({ _id }, { _id, ...t }, { upsert: true });
    await this.templateCache.put(_id, { _id, ...t });
    return { _id, ...t };
  }

  /** The item master's category of each SKU (from `sku.changed`). */
  async categoriesOf(tenant: string, skus: readonly string[]): Promise<Map<string, string>> {
    return this.categories.of(tenant, skus, async (missing) =>
      this.m.SkuCategory.find({ _id: { $in: missing.map((s) => key(tenant, s)) } }).lean<SkuCategoryDoc[]>(),
    );
  }

  async skusOf(tenant: string, category: string): Promise<string[]> {
    const id = key(tenant, category);
    const found = await this.skusCache.load([id], async () => [
      {
        key: id,
        value: {
          skus: (
            await this.m.SkuCategory.find({ tenant, category }).sort({ sku: 1 }).lean<SkuCategoryDoc[]>()
          ).map((d) => d.sku),
        },
      },
    ]);
    return found.get(id)?.skus ?? [];
  }

  async setCategory(tenant: string, sku: string, category: string): Promise<void> {
    const before = await this.m.SkuCategory.findOneAndUpdate(
      { _id: key(tenant, sku) },
      { $set: { tenant, sku, category } },
      { upsert: true },
    ).lean<SkuCategoryDoc>();
    await this.categories.put(tenant, sku, category);
    if (before?.category === category) return;
    await this.skusCache.forget(key(tenant, category));
    if (before) await this.skusCache.forget(key(tenant, before.category));
  }

  async settings(tenant: string): Promise<CareSettings> {
    const found = await this.settingsCache.load([tenant], async (ids) =>
      (await this.m.Settings.find({ _id: { $in: ids } }).lean<SettingsDoc[]>()).map((s) => ({
        key: s._id,
        value: s,
      })),
    );
    const doc = found.get(tenant);
    if (!doc) return DEFAULT_SETTINGS;
    const { _id: _id, updatedAt: _at, ...rest } = doc;
    return { ...DEFAULT_SETTINGS, ...rest };
  }

  async saveSettings(tenant: string, s: CareSettings, at: Date): Promise<void> {
    const doc = { _id: tenant, ...s, updatedAt: at };
    await this.m.Settings.replaceOne({ _id: tenant }, doc, { upsert: true });
    await this.settingsCache.put(tenant, doc);
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
