import { startPlatform } from '@zhongtai/embedded';
import { postGraphQL, signToken, silentLogger } from '@zhongtai/subgraph-kit';
import { BENCH_SECRET } from '../secret.js';

/** Bench process 1: the six subgraphs over loopback HTTP on the embedded store, with N members. */
const platform = await startPlatform({
  host: '127.0.0.1',
  port: 0,
  subgraphPortBase: 0,
  transport: 'http',
  withGateway: false,
  jwt: { secret: BENCH_SECRET },
  logger: silentLogger(),
});
const system = await signToken({ tenant: 'demo', role: 'SYSTEM' }, BENCH_SECRET, 3600);
const memberIds: string[] = [];
for (let n = 0; n < 50; n++) {
  const r = await postGraphQL<{ identifyMember: { member: { id: string } } }>(
    platform.subgraphUrls.member,
    'mutation($i: IdentifyMemberInput!) { identifyMember(input: $i) { member { id } } }',
    {
      i: {
        channel: 'APP',
        externalId: `bench-${n}`,
        displayName: `Bench ${n}`,
        phone: `137${String(10_000_000 + n).slice(-8)}`,
      },
    },
    system,
  );
  memberIds.push(r.data!.identifyMember.member.id);
}
process.send!({ subgraphUrls: platform.subgraphUrls, memberIds });
process.on('SIGTERM', () => void platform.stop().then(() => process.exit(0)));
