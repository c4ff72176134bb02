import { ConfigError, authSettings, baseEnvSchema, DEFAULT_CLOCK_TOLERANCE_S, DEVELOPMENT_JWT_SECRET, parseEnv, port } from './config';

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

});

describe('token settings (issue #10, hole 3)', () => {
  const schema = baseEnvSchema;
  const settings = (source: Record<string, string>, mode?: 'embedded' | 'distributed') => authSettings(parseEnv(schema, source), mode);
  const problem = (source: Record<string, string>, mode?: 'embedded' | 'distributed') => {
    try {
      settings(source, mode);
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return (e as Error).message;
    }
    throw new Error('accepted');
  };
  const SECRET = 'x'.repeat(32);

  it('gives the development secret to embedded mode only', () => {
    expect(settings({}, 'embedded')).toEqual({ secret: DEVELOPMENT_JWT_SECRET, clockToleranceS: DEFAULT_CLOCK_TOLERANCE_S });
    // NODE_ENV unset, development or test: outside embedded mode there is no fallback.
    for (const NODE_ENV of [undefined, 'development', 'test']) {
      expect(problem(NODE_ENV ? { NODE_ENV } : {})).toMatch(/AUTH_JWT_SECRET or AUTH_JWKS_URL: required outside embedded mode/);
    }
  });

  it('refuses the development secret outside embedded mode even when set explicitly', () => {
    expect(problem({ AUTH_JWT_SECRET: DEVELOPMENT_JWT_SECRET })).toMatch(/only allowed in embedded mode/);
    expect(settings({ AUTH_JWT_SECRET: DEVELOPMENT_JWT_SECRET }, 'embedded').secret).toBe(DEVELOPMENT_JWT_SECRET);
  });

  it('needs a secret of at least 32 bytes, counted in bytes', () => {
    expect(problem({ AUTH_JWT_SECRET: 'x'.repeat(31) })).toMatch(/AUTH_JWT_SECRET: must be at least 32 bytes/);
    expect(problem({ AUTH_JWT_SECRET: 'x'.repeat(31) }, 'embedded')).toMatch(/at least 32 bytes/);
    expect(settings({ AUTH_JWT_SECRET: SECRET }).secret).toBe(SECRET);
    // 11 CJK characters are 33 bytes of UTF-8.
    expect(settings({ AUTH_JWT_SECRET: '邻'.repeat(11) }).secret).toBe('邻'.repeat(11));
  });

  it('takes JWKS over https only; production needs issuer and audience with it', () => {
    expect(problem({ AUTH_JWKS_URL: 'http://idp.example/jwks.json' })).toMatch(/AUTH_JWKS_URL: must be an https/);
    expect(settings({ AUTH_JWKS_URL: 'https://idp.example/jwks.json' })).toEqual({
      jwksUrl: 'https://idp.example/jwks.json',
      clockToleranceS: DEFAULT_CLOCK_TOLERANCE_S,
    });
    const message = problem({ NODE_ENV: 'production', AUTH_JWKS_URL: 'https://idp.example/jwks.json' });
    expect(message).toMatch(/AUTH_ISSUER: required in production/);
    expect(message).toMatch(/AUTH_AUDIENCE: required in production/);
    expect(
      settings({ NODE_ENV: 'production', AUTH_JWKS_URL: 'https://idp.example/jwks.json', AUTH_ISSUER: 'https://idp.example', AUTH_AUDIENCE: 'linli' }),
    ).toMatchObject({ issuer: 'https://idp.example', audience: 'linli' });
  });

  it('passes issuer and audience on when set, and bounds the clock tolerance to 30 s', () => {
    expect(settings({ AUTH_JWT_SECRET: SECRET, AUTH_ISSUER: 'linli', AUTH_AUDIENCE: 'api', AUTH_CLOCK_TOLERANCE_S: '30' })).toEqual({
      secret: SECRET,
      issuer: 'linli',
      audience: 'api',
      clockToleranceS: 30,
    });
    expect(problem({ AUTH_JWT_SECRET: SECRET, AUTH_CLOCK_TOLERANCE_S: '31' })).toMatch(/AUTH_CLOCK_TOLERANCE_S: must be at most 30 seconds/);
  });
});
