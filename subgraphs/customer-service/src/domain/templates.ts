import { badInput } from '@zhongtai/contracts';
import type { Calendar } from './calendar.js';

export interface OrderLine {
  sku: string;
  quantity: number;
  unitPrice: number;
  category?: string | null;
}

/**
 * The category an order is surveyed for: that of its main line (the largest amount; ties: the
 * first). A line's category is the item master's (`sku.changed`), else the one the order carried.
 * null when no line has a known category.
 */
export function mainCategory(
  lines: OrderLine[],
  categoryOf: (sku: string) => string | undefined,
): string | null {
  let best: { amount: number; category: string } | null = null;
  for (const l of lines) {
    const category = categoryOf(l.sku) ?? l.category ?? null;
    if (!category) continue;
    const amount = l.quantity * l.unitPrice;
    if (!best || amount > best.amount) best = { amount, category };
  }
  return best?.category ?? null;
}

/** When an order's survey is due: at the purchase (0 days) or N days after it on the tenant's calendar. */
export function surveyDueAt(placedAt: Date, delayDays: number, cal: Calendar): Date {
  return delayDays === 0 ? placedAt : cal.addDays(placedAt, delayDays);
}

export function checkTemplate(t: {
  category: string;
  delayDays: number;
  questions: string[];
  keywordTags: Array<{ keyword: string; tag: string }>;
}): void {
  if (!t.category?.trim() || t.category.length > 32)
    throw badInput('category is 1..32 characters', { field: 'category' });
  if (!Number.isInteger(t.delayDays) || t.delayDays < 0 || t.delayDays > 90)
    throw badInput('delayDays must be 0..90', { field: 'delayDays' });
  if (
    t.questions.length < 1 ||
    t.questions.length > 10 ||
    t.questions.some((q) => !q.trim() || q.length > 200)
  )
    throw badInput('a template has 1..10 questions of 1..200 characters', { field: 'questions' });
  for (const k of t.keywordTags)
    if (!k.keyword.trim() || k.keyword.length > 8 || !k.tag.trim() || k.tag.length > 32)
      throw badInput('a keyword is 1..8 characters and its tag 1..32', { field: 'keywordTags' });
}
