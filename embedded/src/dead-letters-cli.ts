import { parseArgs } from 'node:util';
import {
  DEAD_LETTERS_PATH,
  DEV_INTERNAL_SECRET,
  type DeadLetter,
  GATEWAY_AUDIENCE,
  InternalTokens,
  RedisEventBus,
  SERVICE_ISSUER,
  connectRedis,
  serviceClaims,
} from '@zhongtai/subgraph-kit';

/**
 * `npm run dead-letters [-- list|replay] [--group g] [--id eventId ...] [--gateway URL] [--tenant demo]`
 * Lists the events consumer groups gave up on, or hands them back to their group once the cause is
 * fixed (consumers are idempotent, so a replay is always safe). With REDIS_URL set it works on Redis
 * directly (any deployment); otherwise it asks the running all-in-one process, whose in-process bus
 * holds them, through `/admin/dead-letters` with a service token (INTERNAL_TOKEN_SECRET).
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    group: { type: 'string' },
    id: { type: 'string', multiple: true },
    gateway: {
      type: 'string',
      default: process.env.GATEWAY_URL ?? `http://127.0.0.1:${process.env.PORT ?? 4000}`,
    },
    tenant: { type: 'string', default: 'demo' },
  },
});
const command = positionals[0] ?? 'list';
if (!['list', 'replay'].includes(command) || (command === 'replay' && !values.group)) {
  console.error('usage: npm run dead-letters -- list [--group g] | replay --group g [--id eventId ...]');
  process.exit(2);
}

async function viaRedis(url: string): Promise<void> {
  const client = await connectRedis(url);
  try {
    const bus = new RedisEventBus(client);
    if (command === 'list') print(await bus.deadLetters(values.group));
    else console.log(`replayed ${await bus.replayDeadLetters(values.group!, values.id)}`);
  } finally {
    await client.quit();
  }
}

async function viaPlatform(base: string): Promise<void> {
  const token = await new InternalTokens(
    process.env.INTERNAL_TOKEN_SECRET || DEV_INTERNAL_SECRET,
    SERVICE_ISSUER,
    120,
  ).sign(serviceClaims(values.tenant!, 'dead-letters-cli'), GATEWAY_AUDIENCE);
  const url = new URL(DEAD_LETTERS_PATH, base);
  if (values.group && command === 'list') url.searchParams.set('group', values.group);
  const res = await fetch(url, {
    method: command === 'list' ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: command === 'replay' ? JSON.stringify({ group: values.group, eventIds: values.id }) : undefined,
  });
  const body = (await res.json()) as { deadLetters?: DeadLetter[]; replayed?: number; error?: string };
  if (!res.ok) throw new Error(`${res.status}: ${body.error}`);
  if (body.deadLetters) print(body.deadLetters);
  else console.log(`replayed ${body.replayed}`);
}

function print(letters: DeadLetter[]): void {
  if (letters.length === 0) return void console.log('no dead letters');
  for (const l of letters)
    console.log(
      `${l.group}\t${l.event.type}.v${l.event.version}\t${l.event.id}\t${l.deliveries} deliveries\t${l.at}\t${l.error}`,
    );
  console.log(`${letters.length} dead letter(s)`);
}

(process.env.REDIS_URL ? viaRedis(process.env.REDIS_URL) : viaPlatform(values.gateway!)).catch((error) => {
  console.error(`dead-letters: ${(error as Error).message}`);
  process.exit(1);
});
