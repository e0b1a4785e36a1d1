import { UsageError } from '../../../../local/platform/command-line';
import { parseCliOptions } from '../../../../local/runner/cli-options';

describe('npm start --context', () => {
  it('should pass each KEY=VALUE pair through, keeping "=" inside values and letting a later pair win', () => {
    // Act
    const options = parseCliOptions([
      '--context',
      'switchyard:throttlingRateLimit=100',
      '--context',
      'switchyard:webhookAllowedHosts=a.example=b',
      '--context',
      'switchyard:throttlingRateLimit=5000',
    ]);

    // Assert
    expect(options).toMatchObject({
      context: {
        'switchyard:throttlingRateLimit': '5000',
        'switchyard:webhookAllowedHosts': 'a.example=b',
      },
    });
  });

  it('should default to no context', () => {
    expect(parseCliOptions([])).toMatchObject({ context: {} });
  });

  it.each(['novalue', '=value', ' =value'])('should refuse %j as a usage error naming it', (pair) => {
    expect(() => parseCliOptions(['--context', pair])).toThrow(UsageError);
    expect(() => parseCliOptions(['--context', pair])).toThrow(`--context takes KEY=VALUE (given ${pair})`);
  });
});

describe('npm start --max-environments', () => {
  it('should take a whole number of environments per function', () => {
    expect(parseCliOptions(['--max-environments', '4'])).toMatchObject({ maxEnvironments: 4 });
  });

  it('should leave the runtime its default when not given', () => {
    expect(parseCliOptions([])).not.toHaveProperty('maxEnvironments');
  });

  it.each(['0', '65', '2.5', 'many', ''])('should refuse %j, naming the allowed range', (value) => {
    expect(() => parseCliOptions(['--max-environments', value])).toThrow(
      `--max-environments must be an integer from 1 to 64 (given ${value})`,
    );
  });
});

describe('npm start --log-level and --quiet', () => {
  it('should show every function log line by default', () => {
    expect(parseCliOptions([])).toMatchObject({ logLevel: 'DEBUG', quiet: false });
  });

  it('should take a level in any case, and --quiet', () => {
    expect(parseCliOptions(['--log-level', 'Warn', '--quiet'])).toMatchObject({
      logLevel: 'WARN',
      quiet: true,
    });
  });

  it('should refuse an unknown level, listing the known ones', () => {
    expect(() => parseCliOptions(['--log-level', 'verbose'])).toThrow(
      '--log-level must be one of debug, info, warn, error, critical (given verbose)',
    );
  });
});

describe('npm start --enforce-sigv4', () => {
  it('should leave signatures unchecked unless asked', () => {
    expect(parseCliOptions([])).toMatchObject({ enforceSigV4: false });
    expect(parseCliOptions(['--enforce-sigv4'])).toMatchObject({ enforceSigV4: true });
  });
});

describe('npm start --console-port and --no-console', () => {
  it('should serve the console on 3001 unless told otherwise', () => {
    expect(parseCliOptions([])).toMatchObject({ consolePort: 3001 });
    expect(parseCliOptions(['--console-port', '0'])).toMatchObject({ consolePort: 0 });
    expect(parseCliOptions(['--no-console'])).not.toHaveProperty('consolePort');
  });

  it('should refuse the same port for two servers, and both console flags together', () => {
    expect(() => parseCliOptions(['--console-port', '3000'])).toThrow(
      '--port and --console-port must differ (both 3000)',
    );
    expect(() => parseCliOptions(['--aws-port', '3001'])).toThrow(
      '--aws-port and --console-port must differ (both 3001)',
    );
    expect(() => parseCliOptions(['--no-console', '--console-port', '4000'])).toThrow(UsageError);
    // Port 0 picks a free port for each, so it never clashes.
    expect(parseCliOptions(['--port', '0', '--aws-port', '0', '--console-port', '0'])).toMatchObject({
      apiPort: 0,
      awsPort: 0,
      consolePort: 0,
    });
  });
});
