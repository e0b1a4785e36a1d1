import {
  CloudWatchClient,
  GetMetricStatisticsCommand,
  type GetMetricStatisticsCommandInput,
  ListMetricsCommand,
} from '@aws-sdk/client-cloudwatch';
import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { clientConfig, type LocalCloud, startLocalCloud } from '../sqs/local-cloud-fixture';

describe('local CloudWatch GetMetricStatistics over the AWS SDK', () => {
  let cloud: LocalCloud;
  let cloudWatch: CloudWatchClient;
  let queueUrl: string;
  let queueName: string;

  const request = (
    overrides: Partial<GetMetricStatisticsCommandInput> = {},
  ): GetMetricStatisticsCommandInput => {
    const now = Date.now();
    return {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: queueName }],
      StartTime: new Date(now - 15 * 60_000),
      EndTime: new Date(now),
      Period: 60,
      Statistics: ['Maximum', 'SampleCount'],
      ...overrides,
    };
  };

  beforeAll(async () => {
    cloud = await startLocalCloud();
    cloudWatch = new CloudWatchClient(clientConfig(cloud.url));
    queueUrl = await cloud.createQueue('gauged', { VisibilityTimeout: '600' });
    queueName = queueUrl.split('/').pop() as string;
    for (const body of ['a', 'b', 'c']) {
      await cloud.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
    }
    await cloud.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 1 }));
  });

  afterAll(async () => {
    cloudWatch?.destroy();
    await cloud?.stop();
  });

  it("should answer a queue's gauges as one datapoint of the current period", async () => {
    // Act
    const visible = await cloudWatch.send(new GetMetricStatisticsCommand(request()));
    const inFlight = await cloudWatch.send(
      new GetMetricStatisticsCommand(request({ MetricName: 'ApproximateNumberOfMessagesNotVisible' })),
    );
    const oldest = await cloudWatch.send(
      new GetMetricStatisticsCommand(
        request({
          MetricName: 'ApproximateAgeOfOldestMessage',
          Statistics: undefined,
          ExtendedStatistics: ['p99'],
        }),
      ),
    );

    // Assert
    expect(visible.Label).toBe('ApproximateNumberOfMessagesVisible');
    expect(visible.Datapoints).toEqual([
      { Timestamp: expect.any(Date), Unit: 'Count', Maximum: 2, SampleCount: 1 },
    ]);
    expect((visible.Datapoints?.[0]?.Timestamp?.getTime() ?? 1) % 60_000).toBe(0);
    expect(inFlight.Datapoints?.[0]?.Maximum).toBe(1);
    expect(oldest.Datapoints).toEqual([
      { Timestamp: expect.any(Date), Unit: 'Seconds', ExtendedStatistics: { p99: expect.any(Number) } },
    ]);
    expect(oldest.Datapoints?.[0]?.ExtendedStatistics?.p99).toBeGreaterThanOrEqual(0);
  });

  it.each([
    [
      'a window that ended before the current period',
      { EndTime: new Date(Date.now() - 3_600_000), StartTime: new Date(Date.now() - 7_200_000) },
    ],
    ['a queue that does not exist', { Dimensions: [{ Name: 'QueueName', Value: 'no-such-queue' }] }],
    ['a metric the local cloud has no history for', { MetricName: 'NumberOfMessagesSent' }],
    ['another namespace', { Namespace: 'Switchyard' }],
    ['a unit the gauge is not in', { Unit: 'Seconds' as const }],
  ])(
    'should answer no datapoints for %s, as CloudWatch does for unpublished data',
    async (_case, overrides) => {
      // Act
      const answer = await cloudWatch.send(new GetMetricStatisticsCommand(request(overrides)));

      // Assert
      expect(answer.Datapoints).toEqual([]);
    },
  );

  it.each([
    [
      'a Period that is not a multiple of 60',
      { Period: 90 },
      'InvalidParameterValueException',
      'InvalidParameterValue',
      /Period must be 1, 5, 10, 20, 30, or a multiple of 60/,
    ],
    [
      'a StartTime after the EndTime',
      { StartTime: new Date(), EndTime: new Date(Date.now() - 60_000) },
      'InvalidParameterValueException',
      'InvalidParameterValue',
      /StartTime must be less than/,
    ],
    [
      'no statistic',
      { Statistics: undefined },
      'InvalidParameterCombinationException',
      'InvalidParameterCombination',
      /either Statistics or ExtendedStatistics/,
    ],
    [
      'no Namespace',
      { Namespace: undefined },
      'MissingRequiredParameterException',
      'MissingParameter',
      /The parameter Namespace is required/,
    ],
  ])('should refuse %s', async (_case, overrides, name, code, message) => {
    // Act
    const attempt = cloudWatch.send(
      new GetMetricStatisticsCommand(request(overrides as Partial<GetMetricStatisticsCommandInput>)),
    );

    // Assert
    await expect(attempt).rejects.toMatchObject({
      name,
      Code: code,
      message: expect.stringMatching(message),
    });
  });

  it('should refuse the operations it does not emulate, naming what it does', async () => {
    // Act & Assert
    await expect(cloudWatch.send(new ListMetricsCommand({}))).rejects.toThrow(
      /ListMetrics is not supported by the local endpoint: only GetMetricStatistics/,
    );
  });
});
