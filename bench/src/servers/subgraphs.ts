import { startPlatform } from '@zhongtai/embedded';
import { silentLogger } from '@zhongtai/subgraph-kit';
import { BENCH_JWT, subgraphToken } from '../secret.js';
import { lookupMembers } from './lookup-members.js';

/** Bench process 1: the six subgraphs over loopback HTTP on the embedded store, with N members. */
const platform = await startPlatform({
  host: '127.0.0.1',
  port: 0,
  subgraphPortBase: 0,
  transport: 'http',
  withGateway: false,
  jwt: BENCH_JWT,
  logger: silentLogger(),
});
const system = await subgraphToken({ tenant: 'demo', role: 'SYSTEM' }, 'member');
const memberIds = await lookupMembers(platform.subgraphUrls.member, system);
process.send!({ subgraphUrls: platform.subgraphUrls, memberIds });
process.on('SIGTERM', () => void platform.stop().then(() => process.exit(0)));
