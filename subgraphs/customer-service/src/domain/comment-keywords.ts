/**
 * Keywords of a free-text comment (Chinese or not), found on word boundaries: the comment is split
 * into words by the ICU word segmenter built into Node (`Intl.Segmenter`, dictionary-based for
 * Chinese), so 咸 matches 太咸了 but not 咸鸭蛋 (one word), 慢 matches 很慢 and 太慢 (a degree word
 * in front is dropped) and nothing matches after a negation (不咸, 一点也不慢).
 */
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const DEGREE = /^(非常|特别|有点|有些|比较|太|很|超|好|真|偏|挺|蛮|略)+/;
const NEGATIONS = new Set(['不', '没', '没有', '也不', '并不', '不是', '不太', '一点也不', '别']);

export function words(text: string): string[] {
  return [...segmenter.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment.toLowerCase());
}

/** The keywords (of `keywords`) the comment says, each once, in the order of `keywords`. */
export function keywordsIn(comment: string | null | undefined, keywords: string[]): string[] {
  if (!comment?.trim()) return [];
  const ws = words(comment);
  const said = new Set<string>();
  ws.forEach((w, i) => {
    const negated = i > 0 && NEGATIONS.has(ws[i - 1]);
    if (negated) return;
    said.add(w);
    said.add(w.replace(DEGREE, ''));
  });
  return keywords.filter((k) => said.has(k.toLowerCase()));
}
