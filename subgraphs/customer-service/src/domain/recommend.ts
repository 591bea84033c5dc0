/**
 * What a satisfied member is recommended (R-CS-3, R-IN-2): SKUs of the category it was happy with
 * that it has not bought in the last 90 days and that are in stock at its store, at most `limit`,
 * in the order of the category's SKU list.
 */
export function recommendations(
  categorySkus: string[],
  boughtRecently: ReadonlySet<string>,
  inStock: ReadonlySet<string>,
  limit = LIMIT,
): string[] {
  return categorySkus.filter((s) => !boughtRecently.has(s) && inStock.has(s)).slice(0, limit);
}

/** The candidates worth a stock lookup: not bought recently, a few more than `limit` (some are out of stock). */
export function candidates(
  categorySkus: string[],
  boughtRecently: ReadonlySet<string>,
  limit = LIMIT,
): string[] {
  return categorySkus.filter((s) => !boughtRecently.has(s)).slice(0, limit * 4);
}

export const RECENT_DAYS = 90;
/** recommendations per satisfied answer */
export const LIMIT = 3;
