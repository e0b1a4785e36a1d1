import { defaultProvider } from '../../../../functions/shared/lambda-credential-provider';

describe('the functions’ credential provider', () => {
  const saved = { ...process.env };

  afterEach(() => {
    process.env = { ...saved };
  });

  it('should give the execution role’s credentials from the environment, session token included', async () => {
    // Arrange
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'role-secret',
      AWS_SESSION_TOKEN: 'role-session',
    });

    // Act
    const credentials = await defaultProvider()();

    // Assert
    expect(credentials).toMatchObject({
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: 'role-secret',
      sessionToken: 'role-session',
    });
  });

  it('should fail plainly, rather than search profiles or instance metadata, when the environment has none', async () => {
    // Arrange
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;

    // Act
    const attempt = defaultProvider()();

    // Assert
    await expect(attempt).rejects.toThrow(/environment variable credentials/i);
  });

  it('should read the environment once per client, as the SDK default chain does', async () => {
    // Arrange
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'ASIAFIRST', AWS_SECRET_ACCESS_KEY: 'first-secret' });
    delete process.env.AWS_CREDENTIAL_EXPIRATION;
    const provider = defaultProvider();
    await provider();
    process.env.AWS_ACCESS_KEY_ID = 'ASIASECOND';

    // Act
    const credentials = await provider();

    // Assert
    expect(credentials.accessKeyId).toBe('ASIAFIRST');
  });

  it('should read credentials again when they are about to expire', async () => {
    // Arrange
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: 'ASIAFIRST',
      AWS_SECRET_ACCESS_KEY: 'first-secret',
      AWS_CREDENTIAL_EXPIRATION: new Date(Date.now() + 60_000).toISOString(),
    });
    const provider = defaultProvider();
    await provider();
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: 'ASIASECOND',
      AWS_CREDENTIAL_EXPIRATION: new Date(Date.now() + 3_600_000).toISOString(),
    });

    // Act
    const credentials = await provider();

    // Assert
    expect(credentials.accessKeyId).toBe('ASIASECOND');
  });

  it('should try the environment again after a failed read', async () => {
    // Arrange
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    const provider = defaultProvider();
    await provider().catch(() => undefined);
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'ASIALATE', AWS_SECRET_ACCESS_KEY: 'late-secret' });

    // Act
    const credentials = await provider();

    // Assert
    expect(credentials.accessKeyId).toBe('ASIALATE');
  });
});
