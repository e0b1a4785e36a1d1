import {
  ChangeMessageVisibilityBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { UsageError } from '../../../../cli/errors';
import { peekDeadLetters } from '../../../../cli/operations/peek-dead-letters';
import { QUEUES, testContext } from './support/operation-context';
import { failedTaskRecord } from './support/task-record';

const sqs = mockClient(SQSClient);
const documents = mockClient(DynamoDBDocumentClient);

const SENT_AT = '2026-11-29T15:00:00.000Z';

/** A dead letter as SQS hands it to a receive: its receive count includes that receive. */
const deadLetter = (id: string, overrides: Partial<Message> = {}): Message => ({
  MessageId: id,
  ReceiptHandle: `handle-${id}`,
  Body: JSON.stringify({ taskId: 't-1' }),
  Attributes: { ApproximateReceiveCount: '6', SentTimestamp: String(Date.parse(SENT_AT)) },
  ...overrides,
});

/** The DLQ answers these batches, one per receive, then nothing. */
const receives = (...batches: Message[][]) => {
  const receive = sqs.on(ReceiveMessageCommand);
  for (const batch of batches) receive.resolvesOnce({ Messages: batch });
  receive.resolves({ Messages: [] });
};

const restoredHandles = () =>
  sqs
    .commandCalls(ChangeMessageVisibilityBatchCommand)
    .flatMap((call) => call.args[0].input.Entries ?? [])
    .map((entry) => [entry.ReceiptHandle, entry.VisibilityTimeout]);

beforeEach(() => {
  sqs.reset();
  documents.reset();
  sqs.on(GetQueueAttributesCommand).resolves({ Attributes: { ApproximateNumberOfMessages: '4' } });
  receives();
  sqs.on(ChangeMessageVisibilityBatchCommand).resolves({ Failed: [] });
  documents.on(GetCommand).resolves({ Item: failedTaskRecord() });
});

describe('peekDeadLetters', () => {
  it("should describe each task dead letter from its task's record and make every one visible again", async () => {
    // Arrange
    receives([deadLetter('m-1')]);

    // Act
    const report = await peekDeadLetters(testContext(), { channel: 'tasks' });

    // Assert
    expect(report).toEqual({
      channel: 'tasks',
      deadLetterQueueUrl: QUEUES.tasksDeadLetters,
      approximateDepth: 4,
      messages: [
        {
          messageId: 'm-1',
          body: { taskId: 't-1' },
          attributes: { ApproximateReceiveCount: '6', SentTimestamp: String(Date.parse(SENT_AT)) },
          messageAttributes: {},
          receiveCount: 5,
          sentAt: SENT_AT,
          firstError: 'HTTP 500 from hooks.example.com',
          lastError: 'RETRIES_EXHAUSTED: HTTP 503 from hooks.example.com',
          errorSource: 'task-record',
          task: { taskId: 't-1', status: 'FAILED', attempts: 2 },
        },
      ],
    });
    expect(restoredHandles()).toEqual([['handle-m-1', 0]]);
  });

  it("should take an event's error from EventBridge's attributes, with no task", async () => {
    // Arrange
    const undeliverable = deadLetter('m-2', {
      Body: '{"detail-type":"order.placed"}',
      MessageAttributes: {
        ERROR_CODE: { DataType: 'String', StringValue: 'SDK_CLIENT_ERROR' },
        ERROR_MESSAGE: { DataType: 'String', StringValue: 'Queue is full' },
      },
    });
    receives([undeliverable]);

    // Act
    const report = await peekDeadLetters(testContext(), { channel: 'flow-recorder' });

    // Assert
    const [message] = report.messages;
    expect(message).toMatchObject({
      messageAttributes: { ERROR_CODE: 'SDK_CLIENT_ERROR', ERROR_MESSAGE: 'Queue is full' },
      firstError: 'SDK_CLIENT_ERROR: Queue is full',
      lastError: 'SDK_CLIENT_ERROR: Queue is full',
      errorSource: 'eventbridge',
    });
    expect(message).not.toHaveProperty('task');
    expect(documents.calls()).toHaveLength(0);
  });

  it('should receive no more than max messages, in batches SQS accepts', async () => {
    // Arrange
    const batch = (from: number, count: number) =>
      Array.from({ length: count }, (_, index) => deadLetter(`m-${from + index}`));
    receives(batch(0, 10), batch(10, 2));

    // Act
    const report = await peekDeadLetters(testContext(), { channel: 'tasks', max: 12 });

    // Assert
    expect(report.messages).toHaveLength(12);
    const asked = sqs
      .commandCalls(ReceiveMessageCommand)
      .map((call) => call.args[0].input.MaxNumberOfMessages);
    expect(asked).toEqual([10, 2]);
    expect(restoredHandles()).toHaveLength(12);
  });

  it('should warn, and still answer, when messages cannot be made visible again', async () => {
    // Arrange
    receives([deadLetter('m-1'), deadLetter('m-2')]);
    sqs
      .on(ChangeMessageVisibilityBatchCommand)
      .resolves({ Failed: [{ Id: '1', Code: 'ReceiptHandleIsInvalid', SenderFault: true }] });
    const onWarning = jest.fn();

    // Act
    const report = await peekDeadLetters(testContext(), { channel: 'tasks' }, { onWarning });

    // Assert
    expect(report.messages).toHaveLength(2);
    expect(onWarning).toHaveBeenCalledTimes(1);
    expect(onWarning).toHaveBeenCalledWith(
      '1 peeked message(s) could not be made visible again; they reappear within 30 s',
    );
  });

  it('should stop receiving when aborted, and make what it received visible again', async () => {
    // Arrange
    const controller = new AbortController();
    sqs.on(ReceiveMessageCommand).callsFake(() => {
      controller.abort(new Error('the request was closed'));
      return { Messages: [deadLetter('m-1')] };
    });

    // Act
    const result = peekDeadLetters(testContext(), { channel: 'tasks' }, { signal: controller.signal });

    // Assert
    await expect(result).rejects.toThrow('the request was closed');
    expect(sqs.commandCalls(ReceiveMessageCommand)).toHaveLength(1);
    expect(restoredHandles()).toEqual([['handle-m-1', 0]]);
  });

  it.each([0, 101, 2.5])('should refuse max %p with the bounds, before any call', async (max) => {
    // Act
    const result = peekDeadLetters(testContext(), { channel: 'tasks', max });

    // Assert
    await expect(result).rejects.toThrow(UsageError);
    await expect(result).rejects.toThrow(`--max must be a whole number from 1 to 100 (given ${max})`);
    expect(sqs.calls()).toHaveLength(0);
  });

  it('should refuse an unknown channel, naming those there are', async () => {
    // Act
    const result = peekDeadLetters(testContext(), { channel: 'orders' });

    // Assert
    await expect(result).rejects.toThrow(UsageError);
    await expect(result).rejects.toMatchObject({
      message: 'unknown channel orders',
      next: 'name one of: tasks, flow-recorder',
    });
    expect(sqs.calls()).toHaveLength(0);
  });
});
