/** What the `survey` scenario's bench process and its runner share (no side effects: both import it). */
export interface SurveySetup {
  ready: string;
  surveys: Array<{ id: string; memberId: string; sms: boolean }>;
  setupSeconds: number;
  sendSeconds: number;
}
export type SurveyQuestion = { id: number; ask: 'drain' | 'delivered' | 'commands' };
export type SurveyReply = {
  id: number;
  delivered?: Array<{ template: string; to: string; surveyId: string }>;
  /** database commands sent so far by the whole platform (every subgraph, consumer, relay and job) */
  commands?: number;
  /** the same by `database command collection` (e.g. `member update profiles`) */
  byCollection?: Record<string, number>;
  error?: string;
};

export const SURVEY_CATEGORY = '烘焙';
export const SURVEY_STORES = [
  { id: 'store-sh-001', name: 'Nanjing West Rd', region: 'east', contact: '13900000001' },
  { id: 'store-sh-002', name: 'Xujiahui', region: 'east', contact: '13900000002' },
];
export const SURVEY_KEYWORD_TAGS = [
  { keyword: '咸', tag: '口味偏咸' },
  { keyword: '甜', tag: '口味偏甜' },
  { keyword: '慢', tag: '嫌慢' },
  { keyword: '新鲜', tag: '看重新鲜' },
];

/** What the member app sends: satisfied (score 5) and unhappy (score 1), and the tags each must add. */
export const SURVEY_ANSWERS = {
  satisfied: {
    score: 5,
    comment: '很新鲜，下次还来',
    tags: [`满意:${SURVEY_CATEGORY}`, '看重新鲜'],
    followUp: 'RECOMMENDATION',
  },
  unhappy: {
    score: 1,
    comment: '太咸了，送货也慢',
    tags: [`不满意:${SURVEY_CATEGORY}`, '口味偏咸', '嫌慢'],
    followUp: 'APOLOGY',
  },
} as const;
export type SurveyKind = keyof typeof SURVEY_ANSWERS;
