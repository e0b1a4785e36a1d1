import {
  GetQueueAttributesCommand,
  type GetQueueAttributesCommandInput,
  ListMessageMoveTasksCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { OperationError, UsageError } from '../../../../cli/errors';
import { redriveDeadLetters } from '../../../../cli/operations/redrive-dead-letters';
import { QUEUES, testContext, testTarget } from './support/operation-context';

const sqs = mockClient(SQSClient);
const arnOf = (queueUrl: string) => `arn:aws:sqs:eu-west-1:123456789012:${queueUrl.split('/').pop()}`;

/** The DLQ holds `deadLetters` visible messages; every queue answers its ARN. */
function queuesWith(deadLetters: number): void {
  sqs
    .on(GetQueueAttributesCommand)
    .callsFake(({ QueueUrl = '', AttributeNames = [] }: GetQueueAttributesCommandInput) => ({
      Attributes: AttributeNames.includes('QueueArn')
        ? { QueueArn: arnOf(QueueUrl) }
        : { ApproximateNumberOfMessages: QueueUrl === QUEUES.tasksDeadLetters ? String(deadLetters) : '0' },
    }));
}

const moveTask = (Status: string, moved: number, extra: object = {}) => ({
  Status,
  ApproximateNumberOfMessagesMoved: moved,
  ApproximateNumberOfMessagesToMove: 3,
  ...extra,
});

beforeEach(() => {
  sqs.reset();
  queuesWith(3);
  sqs.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: 'handle-1' });
});

describe('redriveDeadLetters', () => {
  it("should move the DLQ's messages to the channel's queue at the rate given, reporting each new count", async () => {
    // Arrange
    sqs
      .on(ListMessageMoveTasksCommand)
      .resolvesOnce({ Results: [moveTask('RUNNING', 1, { TaskHandle: 'handle-1' })] })
      .resolvesOnce({ Results: [moveTask('RUNNING', 1, { TaskHandle: 'handle-1' })] })
      .resolves({ Results: [moveTask('COMPLETED', 3)] });
    const onProgress = jest.fn();

    // Act
    const report = await redriveDeadLetters(testContext(), { channel: 'tasks', rate: 5 }, { onProgress });

    // Assert
    expect(report).toEqual({
      channel: 'tasks',
      sourceArn: arnOf(QUEUES.tasksDeadLetters),
      destinationArn: arnOf(QUEUES.tasks),
      status: 'COMPLETED',
      moved: 3,
      toMove: 3,
    });
    expect(sqs.commandCalls(StartMessageMoveTaskCommand)[0]?.args[0].input).toEqual({
      SourceArn: arnOf(QUEUES.tasksDeadLetters),
      DestinationArn: arnOf(QUEUES.tasks),
      MaxNumberOfMessagesPerSecond: 5,
    });
    expect(onProgress.mock.calls.map(([message]) => message)).toEqual([
      'redriving 3 message(s) from the DLQ of tasks at 5/s',
      'RUNNING: moved 1 of 3',
      'COMPLETED: moved 3 of 3',
    ]);
  });

  it('should answer EMPTY without starting a move task when the DLQ has no visible messages', async () => {
    // Arrange
    queuesWith(0);

    // Act
    const report = await redriveDeadLetters(testContext(), { channel: 'tasks' });

    // Assert
    expect(report).toMatchObject({ channel: 'tasks', status: 'EMPTY', moved: 0, toMove: 0 });
    expect(sqs.commandCalls(StartMessageMoveTaskCommand)).toHaveLength(0);
  });

  it('should answer a failed move task with its reason rather than throw', async () => {
    // Arrange
    sqs.on(ListMessageMoveTasksCommand).resolves({
      Results: [moveTask('FAILED', 1, { FailureReason: 'AWS.SimpleQueueService.NonExistentQueue' })],
    });

    // Act
    const report = await redriveDeadLetters(testContext(), { channel: 'tasks' });

    // Assert
    expect(report).toMatchObject({
      status: 'FAILED',
      moved: 1,
      failureReason: 'AWS.SimpleQueueService.NonExistentQueue',
    });
    expect(sqs.commandCalls(StartMessageMoveTaskCommand)[0]?.args[0].input).not.toHaveProperty(
      'MaxNumberOfMessagesPerSecond',
    );
  });

  it('should throw an OperationError when a redrive of the channel is already running', async () => {
    // Arrange
    sqs
      .on(StartMessageMoveTaskCommand)
      .rejects(
        Object.assign(new Error('There is already a task running.'), { name: 'UnsupportedOperation' }),
      );

    // Act
    const result = redriveDeadLetters(testContext(), { channel: 'tasks' });

    // Assert
    await expect(result).rejects.toThrow(OperationError);
    await expect(result).rejects.toThrow('a redrive of tasks is already running');
  });

  it('should stop following when aborted, leaving the move task to SQS', async () => {
    // Arrange
    const controller = new AbortController();
    sqs.on(ListMessageMoveTasksCommand).callsFake(() => {
      controller.abort(new Error('the request was closed'));
      return { Results: [moveTask('RUNNING', 1, { TaskHandle: 'handle-1' })] };
    });
    const context = testContext(testTarget({ pollIntervalMs: 60_000 }));

    // Act
    const result = redriveDeadLetters(context, { channel: 'tasks' }, { signal: controller.signal });

    // Assert
    await expect(result).rejects.toThrow('the request was closed');
    expect(sqs.commandCalls(ListMessageMoveTasksCommand)).toHaveLength(1);
  });

  it.each([0, 501, 1.5])('should refuse rate %p with the bounds, before any call', async (rate) => {
    // Act
    const result = redriveDeadLetters(testContext(), { channel: 'tasks', rate });

    // Assert
    await expect(result).rejects.toThrow(UsageError);
    await expect(result).rejects.toThrow(`--rate must be a whole number from 1 to 500 (given ${rate})`);
    expect(sqs.calls()).toHaveLength(0);
  });
});
