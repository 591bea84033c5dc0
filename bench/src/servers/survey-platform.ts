import {
  DEMO_GATEWAY_ACCOUNT,
  DEMO_GATEWAY_TEMPLATES,
  NotifySmsAdapter,
  createNotifySmsSimulator,
} from '@zhongtai/adapter-notify-sms';
import type { CareServices } from '@zhongtai/customer-service';
import { startPlatform } from '@zhongtai/embedded';
import { loadGatewayProtection } from '@zhongtai/gateway';
import { postGraphQL, signToken, silentLogger } from '@zhongtai/subgraph-kit';
import mongoose from 'mongoose';
import { BENCH_JWT, BENCH_SECRET } from '../secret.js';
import {
  SURVEY_CATEGORY,
  SURVEY_KEYWORD_TAGS,
  SURVEY_STORES,
  type SurveyQuestion,
  type SurveyReply,
  type SurveySetup,
} from './survey-data.js';

/**
 * Bench process of the `survey` scenario: the all-in-one platform whose customer service sends
 * through the notify-sms adapter over HTTP to the message-gateway simulator (both in this process),
 * prepared through the public API (stores, SKUs of one category with stock, its survey template,
 * care settings without quiet hours, BENCH_SURVEYS members each with one order), with every survey
 * SENT before it reports ready. Then it answers the bench's questions over IPC: `drain` (every event
 * published so far handled), `delivered` (what the simulator accepted) and `commands` (database
 * commands the platform has sent, on every connection: the subgraphs' and the kit's share mongoose).
 */
const SKUS = Array.from({ length: 10 }, (_, i) => `SKU-B${String(i + 1).padStart(3, '0')}`);

const total = Number(process.env.BENCH_SURVEYS ?? 2000);
const sim = createNotifySmsSimulator([...DEMO_GATEWAY_TEMPLATES]);
await sim.start();
const notifier = new NotifySmsAdapter({
  baseUrl: sim.url,
  appId: DEMO_GATEWAY_ACCOUNT.appId,
  appSecret: DEMO_GATEWAY_ACCOUNT.appSecret,
});
await notifier.init();
const platform = await startPlatform({
  host: '127.0.0.1',
  port: 0,
  subgraphPortBase: 0,
  transport: 'in-process',
  jwt: BENCH_JWT,
  gatewayProtection: loadGatewayProtection(process.env),
  logger: silentLogger(),
  notifier,
});
let commands = 0;
const byCollection: Record<string, number> = {};
for (const conn of mongoose.connections)
  conn.getClient?.()?.on('commandStarted', (ev) => {
    if (ev.commandName === 'endSessions') return;
    commands++;
    const target = ev.command[ev.commandName] as unknown;
    const key = `${ev.databaseName.replace(/^zhongtai_/, '')} ${ev.commandName} ${typeof target === 'string' ? target : ''}`;
    byCollection[key] = (byCollection[key] ?? 0) + 1;
  });
const services = (platform.subgraphs['customer-service'] as unknown as { services: CareServices }).services;
const system = await signToken({ tenant: 'demo', role: 'SYSTEM' }, BENCH_SECRET, 7200);
const hq = await signToken({ tenant: 'demo', role: 'HQ', sub: 'bench-hq' }, BENCH_SECRET, 7200);
const gql = async <T>(query: string, variables: Record<string, unknown>, token = system) => {
  const r = await postGraphQL<T>(platform.gatewayUrl, query, variables, token);
  if (r.errors?.length) throw new Error(`${query.slice(0, 60)}: ${r.errors[0].message}`);
  return r.data!;
};
/** runs `work(i)` for i in 0..n-1, `width` at a time */
const pool = async (n: number, width: number, work: (i: number) => Promise<void>) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < n) await work(next++);
    }),
  );
};

const started = Date.now();
for (const s of SURVEY_STORES)
  await gql('mutation($i: UpsertStoreInput!) { upsertStore(input: $i) { id } }', {
    i: { id: s.id, name: s.name, region: s.region },
  });
for (const [n, code] of SKUS.entries()) {
  await gql('mutation($i: UpsertSkuInput!) { upsertSku(input: $i) { code } }', {
    i: { code, name: `bake ${n + 1}`, category: SURVEY_CATEGORY },
  });
  for (const s of SURVEY_STORES)
    await gql('mutation($i: StockLevelInput!) { recordStock(input: $i) }', {
      i: { sku: code, locationId: s.id, onHand: 100, available: 100 },
    });
}
await gql(
  'mutation($i: SurveyTemplateInput!) { saveSurveyTemplate(input: $i) { category } }',
  {
    i: {
      category: SURVEY_CATEGORY,
      delayDays: 0,
      questions: ['满意吗？(1–5)', '还有什么想告诉我们的？'],
      keywordTags: SURVEY_KEYWORD_TAGS,
    },
  },
  hq,
);
await gql(
  'mutation($i: CareSettingsInput!) { setCareSettings(input: $i) { slaHours } }',
  {
    i: {
      quietHours: { start: '00:00', end: '00:00' },
      storeContacts: SURVEY_STORES.map((s) => ({ storeId: s.id, channel: 'SMS', to: s.contact })),
    },
  },
  hq,
);
// customer service knows the SKUs' category (sku.changed) before the first order.completed
await platform.drain(600_000);

const members: Array<{ id: string; sms: boolean }> = new Array(total);
const externalId = (i: number) => `bench-survey-${i}`;
const store = (i: number) => SURVEY_STORES[i % SURVEY_STORES.length].id;
await pool(total, 8, async (i) => {
  const m = await gql<{ identifyMember: { member: { id: string } } }>(
    'mutation($i: IdentifyMemberInput!) { identifyMember(input: $i) { member { id } } }',
    {
      i: {
        channel: 'APP',
        externalId: externalId(i),
        phone: `138${String(i).padStart(8, '0')}`,
        storeId: store(i),
      },
    },
  );
  // every other member consented to messages from the app: its survey and apology go out by SMS
  const sms = i % 2 === 0;
  if (sms)
    await gql('mutation($m: ID!) { setConsent(memberId: $m, channel: APP, granted: true) { id } }', {
      m: m.identifyMember.member.id,
    });
  members[i] = { id: m.identifyMember.member.id, sms };
});
const run = Math.random().toString(36).slice(2, 8);
await pool(total, 8, async (i) => {
  await gql('mutation($i: IngestOrderInput!) { ingestOrder(input: $i) { created } }', {
    i: {
      source: 'bench-survey',
      externalId: `${run}-${i}`,
      channel: 'STORE',
      storeId: store(i),
      buyer: { channel: 'APP', externalId: externalId(i) },
      lines: [{ sku: SKUS[i % SKUS.length], quantity: 1, unitPrice: 1800 }],
      placedAt: new Date().toISOString(),
    },
  });
});
// order.completed handled: one survey SCHEDULED per order
await platform.drain(1_800_000);
const setupSeconds = (Date.now() - started) / 1000;

// the scheduler, driven by hand (its periodic job runs too; leases keep them apart) until every survey is SENT
type Page = Record<string, { id: string; surveys: { nodes: Array<{ id: string; status: string }> } } | null>;
/** each member's surveys, 15 members a query (the gateway allows 15 aliases), 4 queries at a time */
const surveysOf = async (ids: string[]) => {
  const out: Array<{ id: string; status: string; memberId: string }> = [];
  const chunks = Array.from({ length: Math.ceil(ids.length / 15) }, (_, k) => ids.slice(k * 15, k * 15 + 15));
  await pool(chunks.length, 4, async (k) => {
    const chunk = chunks[k];
    const query = `query(${chunk.map((_, j) => `$m${j}: ID!`).join(', ')}) { ${chunk
      .map((_, j) => `m${j}: member(id: $m${j}) { id surveys { nodes { id status } } }`)
      .join(' ')} }`;
    const page = await gql<Page>(query, Object.fromEntries(chunk.map((id, j) => [`m${j}`, id])));
    for (const m of Object.values(page))
      for (const s of m?.surveys.nodes ?? []) out.push({ ...s, memberId: m!.id });
  });
  return out;
};
const sendStarted = Date.now();
let surveys = await surveysOf(members.map((m) => m.id));
while (surveys.filter((s) => s.status === 'SENT').length < total) {
  if (Date.now() - sendStarted > 600_000)
    throw new Error(`only ${surveys.filter((s) => s.status === 'SENT').length} of ${total} surveys SENT`);
  if ((await services.sender.runOnce(500)) === 0) await new Promise((r) => setTimeout(r, 200));
  surveys = await surveysOf(members.map((m) => m.id));
}
await platform.drain(600_000);
const sendSeconds = (Date.now() - sendStarted) / 1000;
const sms = new Map(members.map((m) => [m.id, m.sms]));
process.send!({
  ready: platform.gatewayUrl,
  surveys: surveys
    .filter((s) => s.status === 'SENT')
    .map((s) => ({ id: s.id, memberId: s.memberId, sms: sms.get(s.memberId) ?? false })),
  setupSeconds: Math.round(setupSeconds),
  sendSeconds: Math.round(sendSeconds),
} satisfies SurveySetup);

process.on('message', (raw) => {
  const q = raw as SurveyQuestion;
  const answer = async (): Promise<SurveyReply> => {
    if (q.ask === 'drain') {
      await platform.drain(600_000);
      return { id: q.id };
    }
    if (q.ask === 'commands') return { id: q.id, commands, byCollection: { ...byCollection } };
    return {
      id: q.id,
      delivered: sim.delivered().map((m) => ({
        template: m.template,
        to: m.to,
        surveyId: m.params.surveyId ?? '',
      })),
    };
  };
  answer().then(
    (reply) => process.send!(reply),
    (error: Error) => process.send!({ id: q.id, error: error.message } satisfies SurveyReply),
  );
});
process.on('SIGTERM', () => {
  void (async () => {
    await platform.stop();
    await notifier.destroy();
    await sim.stop();
    process.exit(0);
  })();
});
