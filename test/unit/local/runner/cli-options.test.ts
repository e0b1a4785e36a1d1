import { parseCliOptions, UsageError } from '../../../../local/runner/cli-options';

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
