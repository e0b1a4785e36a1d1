import { CloudWatchClient, GetMetricStatisticsCommand } from '@aws-sdk/client-cloudwatch';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { OperationError } from '../../../../cli/errors';
import { channelStatus } from '../../../../cli/operations/channel-status';
import { QUEUES, testContext, testTarget } from './support/operation-context';

const sqs = mockClient(SQSClient);
const cloudWatch = mockClient(CloudWatchClient);

const counts = (queued: number, inFlight = 0, delayed = 0) => ({
  Attributes: {
    ApproximateNumberOfMessages: String(queued),
    ApproximateNumberOfMessagesNotVisible: String(inFlight),
    ApproximateNumberOfMessagesDelayed: String(delayed),
  },
});

beforeEach(() => {
  sqs.reset();
  cloudWatch.reset();
  sqs.on(GetQueueAttributesCommand).resolves(counts(0));
  cloudWatch.on(GetMetricStatisticsCommand).resolves({ Datapoints: [] });
});

describe('channelStatus', () => {
  it("should report each channel's depths, its DLQ's depth and the latest oldest-message age, tasks first", async () => {
    // Arrange
    sqs.on(GetQueueAttributesCommand, { QueueUrl: QUEUES.tasks }).resolves(counts(7, 2, 1));
    sqs.on(GetQueueAttributesCommand, { QueueUrl: QUEUES.tasksDeadLetters }).resolves(counts(3));
    cloudWatch
      .on(GetMetricStatisticsCommand, { Dimensions: [{ Name: 'QueueName', Value: 'tasks' }] })
      .resolves({
        Datapoints: [
          { Timestamp: new Date(1_000), Maximum: 12 },
          { Timestamp: new Date(2_000), Maximum: 42 },
        ],
      });

    // Act
    const report = await channelStatus(testContext());

    // Assert
    expect(report).toEqual({
      target: { mode: 'aws', stackName: 'Switchyard', region: 'eu-west-1' },
      channels: [
        {
          name: 'tasks',
          kind: 'tasks',
          queueUrl: QUEUES.tasks,
          deadLetterQueueUrl: QUEUES.tasksDeadLetters,
          queued: 7,
          inFlight: 2,
          delayed: 1,
          oldestMessageAgeSeconds: 42,
          deadLetters: 3,
        },
        expect.objectContaining({
          name: 'flow-recorder',
          kind: 'subscription',
          oldestMessageAgeSeconds: null,
        }),
      ],
      oldestMessageAge: { available: true },
    });
  });

  it('should still report the depths, and say why the age is unknown once, when CloudWatch refuses', async () => {
    // Arrange
    sqs.on(GetQueueAttributesCommand, { QueueUrl: QUEUES.flowRecorder }).resolves(counts(5));
    cloudWatch
      .on(GetMetricStatisticsCommand)
      .rejects(Object.assign(new Error('not allowed'), { name: 'AccessDeniedException' }));

    // Act
    const report = await channelStatus(testContext());

    // Assert
    expect(
      report.channels.map((channel) => [channel.name, channel.queued, channel.oldestMessageAgeSeconds]),
    ).toEqual([
      ['tasks', 0, null],
      ['flow-recorder', 5, null],
    ]);
    expect(report.oldestMessageAge).toEqual({
      available: false,
      reason:
        'CloudWatch GetMetricStatistics failed: not allowed (operators need cloudwatch:GetMetricStatistics)',
    });
  });

  it('should throw an OperationError when the stack outputs no queues', async () => {
    // Arrange
    const context = testContext(testTarget({ outputs: { TaskTableName: 'tasks' } }));

    // Act
    const result = channelStatus(context);

    // Assert
    await expect(result).rejects.toThrow(OperationError);
    await expect(result).rejects.toThrow('stack Switchyard in eu-west-1 has no queue outputs');
    expect(sqs.calls()).toHaveLength(0);
  });
});
