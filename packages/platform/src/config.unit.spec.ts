import { ConfigError, authSettings, baseEnvSchema, DEVELOPMENT_JWT_SECRET, parseEnv, port } from './config';

describe('configuration', () => {
  const schema = baseEnvSchema.extend({ PORT: port(4000) });

  it('applies defaults', () => {
    expect(parseEnv(schema, {})).toMatchObject({ PORT: 4000, NODE_ENV: 'development', LOG_LEVEL: 'info' });
  });

  it('names every wrong setting', () => {
    try {
      parseEnv(schema, { PORT: 'eighty', LOG_LEVEL: 'loud' });
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as Error).message).toMatch(/PORT/);
      expect((e as Error).message).toMatch(/LOG_LEVEL/);
    }
  });

  it('falls back to the development secret outside production only', () => {
    expect(authSettings(parseEnv(schema, {}))).toEqual({ secret: DEVELOPMENT_JWT_SECRET });
    expect(() => authSettings(parseEnv(schema, { NODE_ENV: 'production' }))).toThrow(ConfigError);
  });
});
