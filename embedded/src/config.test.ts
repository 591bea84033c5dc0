import { ConfigError } from '@zhongtai/subgraph-kit';
import { loadConfig } from './config.js';

describe('embedded configuration', () => {
  it('has working defaults for `npm start`', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 4000,
      HOST: '127.0.0.1',
      GATEWAY_TRANSPORT: 'in-process',
      subgraphPortBase: 4001,
    });
    expect(c.jwt.secret).toBe('dev-only-secret-change-me');
  });

  it('lists every problem at once, naming the variable and the bad value', () => {
    try {
      loadConfig({
        PORT: 'eighty',
        MONGODB_URI: 'postgres://x',
        REDIS_URL: 'localhost:6379',
        LOG_LEVEL: 'loud',
      });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).toContain('PORT');
      expect(message).toContain('"eighty"');
      expect(message).toContain('MONGODB_URI: must be a mongodb:// or mongodb+srv:// URI');
      expect(message).toContain('REDIS_URL');
      expect(message).toContain('LOG_LEVEL');
      expect((error as ConfigError).problems).toHaveLength(4);
    }
  });

  it('refuses a production start without a real secret, and never echoes secrets', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'dev-only-secret-change-me' })).toThrow(
      ConfigError,
    );
    const internal = 'another-real-secret-of-32-characters';
    expect(() =>
      loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'a-real-secret-of-32-characters!!' }),
    ).toThrow(/INTERNAL_TOKEN_SECRET/);
    const jwt = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: 'a-real-secret-of-32-characters!!',
      INTERNAL_TOKEN_SECRET: internal,
    }).jwt;
    expect(jwt).toMatchObject({ secret: 'a-real-secret-of-32-characters!!', internalSecret: internal });
    // users must never be able to mint internal tokens
    expect(() => loadConfig({ JWT_SECRET: internal, INTERNAL_TOKEN_SECRET: internal })).toThrow(
      /must differ from JWT_SECRET/,
    );
    // a JWKS replaces the users' secret, not the internal key
    expect(() =>
      loadConfig({ NODE_ENV: 'production', JWT_JWKS_URL: 'https://idp.example/jwks.json' }),
    ).toThrow(/INTERNAL_TOKEN_SECRET/);
    try {
      loadConfig({ JWT_SECRET: 'short' });
    } catch (error) {
      expect((error as Error).message).toContain('JWT_SECRET');
      expect((error as Error).message).not.toContain('short');
    }
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ MONGODB_URI: '', PORT: '' }).PORT).toBe(4000);
  });
});
