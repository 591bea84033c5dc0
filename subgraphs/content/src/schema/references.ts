import { type ReferenceResolvers, reference, referenceResolvers } from '@zhongtai/subgraph-kit';
import type { ContentService } from '../service/content-service.js';
import { ContentItem } from './types.js';

/**
 * The entities this subgraph resolves by reference (who may see them: `ContentItem.__resolveReference`
 * in ../policy.ts); items of one request are read in one query.
 */
export function contentReferences(content: ContentService): ReferenceResolvers {
  return referenceResolvers({
    ContentItem: reference({ load: (ctx, id) => content.items(ctx).load(id), map: ContentItem.from }),
  });
}
