import { describe, expect, it } from '@jest/globals';
import { loadSubgraphConfig } from './main-runner.js';

const PRODUCTION = {
  NODE_ENV: 'production',
  MONGODB_URI: 'mongodb://db:27017/?replicaSet=rs0',
  REDIS_URL: 'redis://redis:6379',
  JWT_SECRET: 'a-users-token-secret-0123456789',
  INTERNAL_TOKEN_SECRET: 'an-internal-signing-key-0123456789abcdef',
};

describe('a subgraph deployable’s environment', () => {
  it('starts in production with its secrets, Redis and MongoDB (no users’ key); runs the jobs unless told not to', () => {
    const { JWT_SECRET, ...internalOnly } = PRODUCTION;
    void JWT_SECRET;
    expect(loadSubgraphConfig('points', internalOnly).SUBGRAPH_JOBS).toBe(true);
    expect(loadSubgraphConfig('points', PRODUCTION)).toMatchObject({ SUBGRAPH_JOBS: true, PORT: 4001 });
    expect(loadSubgraphConfig('points', { ...PRODUCTION, SUBGRAPH_JOBS: 'false' }).SUBGRAPH_JOBS).toBe(false);
  });

  it('refuses a production start without secrets or Redis, naming each', () => {
    let message = '';
    try {
      loadSubgraphConfig('points', { NODE_ENV: 'production' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/points subgraph/);
    expect(message).toMatch(/MONGODB_URI: required/);
    expect(message).toMatch(/INTERNAL_TOKEN_SECRET/);
    // a subgraph never sees a user's token: the users' key is not asked of it
    expect(message).not.toMatch(/JWT_SECRET: a production start/);
    expect(message).toMatch(/REDIS_URL: a production start needs Redis/);
    expect(() => loadSubgraphConfig('points', { ...PRODUCTION, SUBGRAPH_JOBS: 'yes' })).toThrow(
      /SUBGRAPH_JOBS/,
    );
    expect(() =>
      loadSubgraphConfig('points', {
        ...PRODUCTION,
        INTERNAL_TOKEN_SECRET: PRODUCTION.JWT_SECRET + 'x'.repeat(8),
        JWT_SECRET: PRODUCTION.JWT_SECRET + 'x'.repeat(8),
      }),
    ).toThrow(/must differ from JWT_SECRET/);
  });

  it('runs without Redis in development (one process, in-memory bus)', () => {
    const { NODE_ENV, REDIS_URL, ...rest } = PRODUCTION;
    void NODE_ENV;
    void REDIS_URL;
    expect(loadSubgraphConfig('points', rest).REDIS_URL).toBeUndefined();
  });
});
