import { careWorld, code, ok } from './testing/care-world.js';

/** Fan operations (R-CS-6): a questionnaire to a segment of loyal members, answers per store. */
const fans = Array.from({ length: 150 }, (_, i) => `fan-${i}`);
const w = careWorld({
  members: Object.fromEntries(
    fans.map((id, i) => [
      id,
      {
        storeIds: [i % 3 === 0 ? 'store-bj-001' : 'store-sh-001'],
        consents: [{ channel: 'APP', granted: i % 2 === 0 }],
        phone: `1380000${String(i).padStart(4, '0')}`,
      },
    ]),
  ),
});

const SEND = 'mutation($i: QuestionnaireInput!) { sendQuestionnaire(input: $i) { id members } }';
const input = {
  id: 'fans-2026q1',
  title: 'Tell us about our bakery',
  segmentId: 'loyal',
  category: '烘焙',
  questions: ['What do you love?'],
};
const SUMMARY = `query($id: ID!, $s: ID) { questionnaireSummary(id: $id, storeId: $s) { questionnaire { id members }
  stores { store { id } sent answered satisfied unsatisfied averageScore topTags } } }`;
type Summary = {
  questionnaireSummary: {
    questionnaire: { id: string; members: number };
    stores: Array<{
      store: { id: string } | null;
      sent: number;
      answered: number;
      satisfied: number;
      unsatisfied: number;
      averageScore: number | null;
      topTags: string[];
    }>;
  } | null;
};
const answer = async (memberId: string, score: number, comment?: string) =>
  w.api.query(
    'mutation($i: SurveyAnswerInput!) { submitSurveyAnswer(input: $i) { tagsAdded followUp { kind notifiedStore { id } } } }',
    { i: { surveyId: `demo|fan:fans-2026q1:${memberId}`, score, comment } },
    await w.token({ role: 'MEMBER', memberId }),
  );

beforeAll(async () => {
  w.segments.loyal = fans;
  ok(
    await w.api.query(
      'mutation($i: SurveyTemplateInput!) { saveSurveyTemplate(input: $i) { category } }',
      {
        i: {
          category: '烘焙',
          delayDays: 0,
          questions: ['How was it?'],
          keywordTags: [{ keyword: '新鲜', tag: '看重新鲜' }],
        },
      },
      w.hq,
    ),
  );
});

describe('fan operations (R-CS-6)', () => {
  it('sends a questionnaire to every member of the segment (paged), once however often it is sent', async () => {
    expect(
      ok<{ sendQuestionnaire: { members: number } }>(await w.api.query(SEND, { i: input }, w.hq))
        .sendQuestionnaire.members,
    ).toBe(150);
    expect(
      ok<{ sendQuestionnaire: { members: number } }>(await w.api.query(SEND, { i: input }, w.hq))
        .sendQuestionnaire.members,
    ).toBe(150);
    expect(code(await w.api.query(SEND, { i: { ...input, title: 'other' } }, w.hq))).toBe('CONFLICT');
    expect(code(await w.api.query(SEND, { i: { ...input, id: 'x', segmentId: 'nope' } }, w.hq))).toBe(
      'NOT_FOUND',
    );
    expect(
      code(await w.api.query(SEND, { i: input }, await w.token({ role: 'STORE_MANAGER', region: 'east' }))),
    ).toBe('FORBIDDEN');
    await w.cs.services.sender.runOnce(500);
    // by SMS where the member consented on APP, in the app otherwise
    expect(
      w.notifier.to('survey-invite').filter((m) => m.params.surveyId.startsWith('demo|fan:')).length,
    ).toBe(75);
  });

  it('answers are stored on the member, tagged, and summarized per store for HQ and each store', async () => {
    ok(await answer('fan-0', 5, '面包很新鲜'));
    ok(await answer('fan-1', 1, '不新鲜'));
    ok(await answer('fan-2', 4));
    const mine = ok<{
      _entities: Array<{ questionnaires: Array<{ questionnaireId: string; status: string; score: number }> }>;
    }>(
      await w.api.query(
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { questionnaires { questionnaireId status score } } } }',
        { r: [{ __typename: 'Member', id: 'fan-0' }] },
        w.hq,
      ),
    )._entities[0].questionnaires;
    expect(mine).toEqual([{ questionnaireId: 'fans-2026q1', status: 'ANSWERED', score: 5 }]);
    const all = ok<Summary>(await w.api.query(SUMMARY, { id: 'fans-2026q1' }, w.hq)).questionnaireSummary!;
    expect(all.questionnaire).toEqual({ id: 'fans-2026q1', members: 150 });
    const bj = all.stores.find((s) => s.store?.id === 'store-bj-001')!;
    expect(bj).toMatchObject({
      sent: 50,
      answered: 1,
      satisfied: 1,
      unsatisfied: 0,
      averageScore: 5,
      topTags: ['满意:烘焙', '看重新鲜'],
    });
    const sh = all.stores.find((s) => s.store?.id === 'store-sh-001')!;
    expect(sh).toMatchObject({ sent: 100, answered: 2, satisfied: 1, unsatisfied: 1, averageScore: 2.5 });
    const clerk = await w.token({ role: 'CLERK', storeId: 'store-sh-001' });
    const own = ok<Summary>(
      await w.api.query(SUMMARY, { id: 'fans-2026q1', s: 'store-sh-001' }, clerk),
    ).questionnaireSummary!;
    expect(own.stores.map((s) => s.store?.id)).toEqual(['store-sh-001']);
    expect(code(await w.api.query(SUMMARY, { id: 'fans-2026q1', s: 'store-bj-001' }, clerk))).toBe(
      'FORBIDDEN',
    );
    expect(code(await w.api.query(SUMMARY, { id: 'fans-2026q1' }, clerk))).toBe('FORBIDDEN');
  });
});
