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
});
