import { ConfigError, DEFAULT_EMBEDDED_DURABILITY } from '@zhongtai/subgraph-kit';
import { STORE_CODES } from '../legacy/world.js';
import { loadLegacyConfig, loadStoreConfig, loadSupervisorConfig } from './config.js';
import { DEMO_WMS_LOCATIONS } from './demo-brand.js';
import { SERVICE_NAMES, servicePorts } from './ports.js';
import { findRedisServer, startServices } from './supervisor.js';

describe('multi-process mode: layout and configuration', () => {
  it('derives every port from PORT', () => {
    expect(servicePorts(4000)).toEqual({
      gateway: 4000,
      subgraphs: {
        member: 4001,
        points: 4002,
        orders: 4003,
        inventory: 4004,
        'customer-service': 4005,
        content: 4006,
      },
      store: 4010,
      redis: 4011,
      legacy: 4012,
      webhooks: 4013,
      wms: 4014,
      notify: 4015,
    });
    expect(() => servicePorts(0)).toThrow(/PORT/);
    expect(() => servicePorts(65530)).toThrow(/PORT/);
    expect(SERVICE_NAMES[0]).toBe('redis');
    expect(SERVICE_NAMES.at(-1)).toBe('legacy');
  });

  it('reads and checks the environment of the supervisor, the store and the legacy process', () => {
    expect(loadSupervisorConfig({})).toMatchObject({ PORT: 4000, HOST: '127.0.0.1', SEED_DEMO: true });
    expect(() => loadSupervisorConfig({ PORT: '0' })).toThrow(ConfigError);
    expect(() =>
      loadSupervisorConfig({ JWT_SECRET: 'x'.repeat(40), INTERNAL_TOKEN_SECRET: 'x'.repeat(40) }),
    ).toThrow(/must differ from JWT_SECRET/);
    expect(loadStoreConfig({ PORT: '4010', DATA_DIR: '/tmp/z' })).toMatchObject({
      PORT: 4010,
      HOST: '127.0.0.1',
      DATA_DIR: '/tmp/z',
      EMBEDDED_DURABILITY: DEFAULT_EMBEDDED_DURABILITY,
    });
    expect(() => loadLegacyConfig({})).toThrow(/GATEWAY_URL[\s\S]*MONGODB_URI|MONGODB_URI[\s\S]*GATEWAY_URL/);
    expect(
      loadLegacyConfig({
        GATEWAY_URL: 'http://127.0.0.1:4000/graphql',
        MONGODB_URI: 'mongodb://127.0.0.1:4010',
      }),
    ).toMatchObject({ PORT: 4012, WEBHOOK_PORT: 0, WMS_PORT: 0 });
  });

  it("gives the inventory process the demo WMS's locations (world.ts)", () => {
    const pairs = DEMO_WMS_LOCATIONS.split(',').map((p) => p.split('='));
    expect(pairs).toHaveLength(Object.keys(STORE_CODES).length);
    for (const [location, code] of pairs) expect(STORE_CODES[code]).toBe(location);
  });

  it('without redis-server it says how to install it, before anything starts', async () => {
    const noRedis = { PATH: '/nonexistent' };
    expect(() => findRedisServer(noRedis)).toThrow(/apt-get install redis-server/);
    await expect(startServices({ port: 4000, env: noRedis, output: () => undefined })).rejects.toThrow(
      /redis-server is not installed[\s\S]*apt-get install redis-server/,
    );
  });
});
