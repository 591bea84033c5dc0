import { keywordsIn } from './comment-keywords.js';

/** How satisfied a score is (R-CS-3, R-CS-4): 4–5 satisfied, 1–2 unsatisfied, 3 neither. */
export function satisfaction(score: number): 'SATISFIED' | 'NEUTRAL' | 'UNSATISFIED' {
  return score >= 4 ? 'SATISFIED' : score <= 2 ? 'UNSATISFIED' : 'NEUTRAL';
}

const WORD = { SATISFIED: '满意', NEUTRAL: '一般', UNSATISFIED: '不满意' } as const;

/**
 * The tags an answer says about the member (R-CS-2): its satisfaction with the category
 * (`满意:饮品`) and the tag of every keyword of the category's template its comment says.
 */
export function tagsFor(
  answer: { score: number; comment?: string | null },
  template: { category: string; keywordTags: Array<{ keyword: string; tag: string }> },
): string[] {
  const tags = [`${WORD[satisfaction(answer.score)]}:${template.category}`.slice(0, 32)];
  const found = keywordsIn(
    answer.comment,
    template.keywordTags.map((k) => k.keyword),
  );
  for (const k of template.keywordTags)
    if (found.includes(k.keyword) && !tags.includes(k.tag)) tags.push(k.tag);
  return tags;
}
