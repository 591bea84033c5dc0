/** The demo brand's master data (RUNTIME.md "Demo brand"). */
export const DEMO_TENANT = 'demo';

export const STORES = [
  { id: 'store-sh-001', name: '上海南京西路店', region: 'east' },
  { id: 'store-sh-002', name: '上海徐家汇店', region: 'east' },
  { id: 'store-bj-001', name: '北京三里屯店', region: 'north' },
] as const;

/** Five categories of ten SKUs: SKU-0001..0010 are surveyed the same day, SKU-0041..0050 after 14 days. */
export const CATEGORIES = ['fresh-bakery', 'coffee-tea', 'snacks', 'home', 'small-appliances'] as const;

/**
 * How each category is surveyed (R-CS-1): the first at once after the purchase, the last 14 days
 * later, the others in between; the words of a comment that become tags.
 */
const KEYWORD_TAGS = [
  { keyword: '咸', tag: '口味偏咸' },
  { keyword: '甜', tag: '口味偏甜' },
  { keyword: '贵', tag: '价格敏感' },
  { keyword: '慢', tag: '嫌慢' },
  { keyword: '服务', tag: '关注服务' },
  { keyword: '新鲜', tag: '看重新鲜' },
];
export const SURVEY_TEMPLATES = [
  ['fresh-bakery', 0],
  ['coffee-tea', 3],
  ['snacks', 7],
  ['home', 10],
  ['small-appliances', 14],
].map(([category, delayDays]) => ({
  category,
  delayDays,
  questions: ['How satisfied are you with your purchase? (1–5)', 'Anything we should know?'],
  keywordTags: KEYWORD_TAGS,
}));

/** Where each store is told about an unhappy customer (its manager's mobile). */
export const CARE_SETTINGS = {
  storeContacts: [
    { storeId: 'store-sh-001', channel: 'SMS', to: '13900000001' },
    { storeId: 'store-sh-002', channel: 'SMS', to: '13900000002' },
    { storeId: 'store-bj-001', channel: 'SMS', to: '13900000003' },
  ],
};

export const SKUS = Array.from({ length: 50 }, (_, i) => {
  const n = i + 1;
  const category = CATEGORIES[Math.floor(i / 10)];
  return {
    code: `SKU-${String(n).padStart(4, '0')}`,
    name: `${category} item ${n}`,
    category,
    price: 990 + ((n * 737) % 20000),
  };
});

/** The demo brand's campaigns (RUNTIME.md): a member who joins by scanning a store's QR code in WeChat is welcomed with the coupon offer. */
export const CAMPAIGNS = [
  {
    id: 'campaign-welcome',
    name: '新会员欢迎礼',
    trigger: 'JOINED_IN_STORE',
    offerId: 'offer-welcome-coupon',
    template: 'welcome',
    attributionDays: 7,
    capHours: 24,
    // a welcome answers the customer's own scan, whatever the hour: no quiet hours for it
    quietStart: '00:00',
    quietEnd: '00:00',
  },
];

export const CONTENT = [
  {
    id: 'offer-welcome-coupon',
    kind: 'COUPON_OFFER',
    title: '新会员礼券 ¥20',
    body: 'Welcome! ¥20 off your next purchase in store.',
    channels: ['WECHAT', 'MINI_PROGRAM', 'APP', 'STORE'],
    // 1,000 coupons, each valid 30 days after it is claimed
    offer: { stock: 1000, validDays: 30 },
  },
  {
    id: 'article-coffee-guide',
    kind: 'ARTICLE',
    title: 'How to brew pour-over coffee',
    body: 'A five-step guide from our baristas.',
    channels: ['APP', 'MINI_PROGRAM', 'WECHAT'],
  },
  {
    id: 'promo-member-day',
    kind: 'PROMOTION',
    title: 'Member day: double points',
    body: 'Every 8th of the month, points x2.',
    channels: ['APP', 'MALL', 'MINI_PROGRAM', 'WECHAT'],
  },
  {
    id: 'invite-sh-001-tasting',
    kind: 'STORE_INVITATION',
    title: 'Tasting evening at Nanjing West Rd',
    body: 'Join us on Friday at 7pm.',
    channels: ['WECHAT', 'APP'],
  },
] as const;

/** Segments and a rule tag a CRM operator would start with. */
export const SEGMENTS = [
  {
    id: 'repeat-buyers',
    name: 'Repeat buyers',
    rule: { match: 'ALL', conditions: [{ fact: 'orderCount', op: 'GTE', value: '2' }] },
  },
  {
    id: 'silent-90',
    name: 'Bought before, silent for 90+ days',
    rule: { match: 'ALL', conditions: [{ fact: 'daysSinceLastPurchase', op: 'GT', value: '90' }] },
  },
  {
    id: 'east-fans',
    name: 'Fans of the east region stores',
    rule: {
      match: 'ALL',
      conditions: [
        { fact: 'lifecycleStage', op: 'EQ', value: 'FAN' },
        { fact: 'store', op: 'HAS', value: 'store-sh-001' },
      ],
    },
  },
];

export const TAG_RULE = {
  tag: 'big-spender',
  rule: { match: 'ALL', conditions: [{ fact: 'totalSpent', op: 'GTE', value: '100000' }] },
};
