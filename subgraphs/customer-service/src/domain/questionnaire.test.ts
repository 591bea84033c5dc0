import { describe, expect, it } from '@jest/globals';
import { checkQuestionnaire, summarize } from './questionnaire.js';

describe('fan questionnaires (R-CS-6)', () => {
  it('summarizes per store: sent, answered, satisfied, unsatisfied, mean score, top tags', () => {
    const s = summarize([
      { storeId: 'b', status: 'ANSWERED', score: 5, tags: ['满意:x', '看重新鲜'] },
      { storeId: 'b', status: 'ANSWERED', score: 1, tags: ['不满意:x', '看重新鲜'] },
      { storeId: 'b', status: 'SENT', score: null, tags: [] },
      { storeId: 'a', status: 'SCHEDULED', score: null, tags: [] },
      { storeId: null, status: 'ANSWERED', score: 4, tags: ['满意:x'] },
    ]);
    expect(s.map((x) => x.storeId)).toEqual(['a', 'b', null]);
    expect(s[0]).toMatchObject({ sent: 0, answered: 0, averageScore: null });
    expect(s[1]).toEqual({
      storeId: 'b',
      sent: 3,
      answered: 2,
      satisfied: 1,
      unsatisfied: 1,
      averageScore: 3,
      topTags: ['看重新鲜', '不满意:x', '满意:x'],
    });
  });

  it('checks what HQ sends', () => {
    const q = { id: 'fans-2026', title: 'Fan interview', segmentId: 's', category: 'c', questions: ['q?'] };
    expect(() => checkQuestionnaire(q)).not.toThrow();
    expect(() => checkQuestionnaire({ ...q, id: 'bad id' })).toThrow(/id/);
    expect(() => checkQuestionnaire({ ...q, questions: [] })).toThrow(/questions/);
  });
});
