import { describe, expect, it } from '@jest/globals';
import { keywordsIn } from './comment-keywords.js';
import { satisfaction, tagsFor } from './survey-tags.js';

const template = {
  category: '熟食',
  keywordTags: [
    { keyword: '咸', tag: '口味偏咸' },
    { keyword: '慢', tag: '配送慢' },
    { keyword: '贵', tag: '价格敏感' },
    { keyword: '服务', tag: '关注服务' },
  ],
};

describe('comment keywords (word boundaries, not substrings)', () => {
  it('finds a keyword as a word, with a degree word in front', () => {
    expect(keywordsIn('太咸了，而且送货很慢', ['咸', '慢', '贵'])).toEqual(['咸', '慢']);
    expect(keywordsIn('价格太贵，服务态度不好', ['咸', '贵', '服务'])).toEqual(['贵', '服务']);
  });

  it('does not find it inside another word or after a negation', () => {
    expect(keywordsIn('咸鸭蛋很好吃', ['咸'])).toEqual([]);
    expect(keywordsIn('一点也不慢，不咸', ['咸', '慢'])).toEqual([]);
    expect(keywordsIn(null, ['咸'])).toEqual([]);
  });
});

describe('tags of an answer (R-CS-2)', () => {
  it('says the satisfaction with the category and what the comment says', () => {
    expect(tagsFor({ score: 1, comment: '太咸了，送货也慢' }, template)).toEqual([
      '不满意:熟食',
      '口味偏咸',
      '配送慢',
    ]);
    expect(tagsFor({ score: 5, comment: '很好吃' }, template)).toEqual(['满意:熟食']);
    expect(tagsFor({ score: 3 }, template)).toEqual(['一般:熟食']);
  });

  it('4–5 is satisfied, 1–2 unsatisfied', () => {
    expect([1, 2, 3, 4, 5].map(satisfaction)).toEqual([
      'UNSATISFIED',
      'UNSATISFIED',
      'NEUTRAL',
      'SATISFIED',
      'SATISFIED',
    ]);
  });
});
