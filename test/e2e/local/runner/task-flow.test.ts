import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { clientConfig, E2E_TIMEOUT_MS, startTestCloud, type TestCloud } from './support/local-cloud-fixture';
import { pollUntil } from './support/poll-until';
import { signedRequest } from './support/signed-api';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';

jest.setTimeout(E2E_TIMEOUT_MS);

interface TaskStatus {
  readonly taskId: string;
  readonly status: string;
  readonly attempts: number;
  readonly result?: Record<string, unknown>;
  readonly error?: { code: string; message: string };
}

/** Retries wait for the visibility timeout; 2 s instead of the template's 180 s keeps this file fast. */
const VISIBILITY_TIMEOUT_SECONDS = 2;

describe('the task channel on the local cloud', () => {
  let test: TestCloud;
  let receiver: WebhookReceiver | undefined;

  beforeAll(async () => {
    test = await startTestCloud({ localOverrides: { visibilityTimeoutSeconds: VISIBILITY_TIMEOUT_SECONDS } });
  });

  afterEach(async () => {
    await receiver?.stop();
    receiver = undefined;
  });

  afterAll(async () => {
    await test?.stop();
  });

  const submit = async (body: unknown): Promise<string> => {
    const response = await signedRequest(test.cloud, 'POST', '/tasks', body);
    expect(response.status).toBe(202);
    return (response.body as { taskId: string }).taskId;
  };

  const finalStatus = (taskId: string, timeoutMs = 60_000): Promise<TaskStatus> =>
    pollUntil(
      `task ${taskId} to finish`,
      async () => {
        const response = await signedRequest(test.cloud, 'GET', `/tasks/${taskId}`);
        const status = response.body as TaskStatus;
        return status.status === 'SUCCEEDED' || status.status === 'FAILED' ? status : undefined;
      },
      timeoutMs,
      200,
    );

  it('should answer the liveness route without a signature', async () => {
    // Act
    const response = await fetch(`${test.cloud.apiUrl}/api/data`);

    // Assert
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ message: 'Hello, World!' });
  });

  it('should accept a signed task and run it to SUCCEEDED', async () => {
    // Act
    const taskId = await submit({ type: 'hello', payload: { name: 'Ada' } });
    const status = await finalStatus(taskId);

    // Assert
    expect(status).toMatchObject({ status: 'SUCCEEDED', attempts: 1, result: { greeting: 'Hello, Ada!' } });
  });

  it('should retry a webhook the receiver fails four times and succeed on the fifth attempt', async () => {
    // Arrange
    receiver = await startWebhookReceiver((attempt) => (attempt <= 4 ? 500 : 200));

    // Act
    const taskId = await submit({
      type: 'webhook',
      payload: { url: `${receiver.url}/hooks/orders`, body: { n: 1 } },
    });
    const status = await finalStatus(taskId);

    // Assert
    expect(status).toMatchObject({ status: 'SUCCEEDED', attempts: 5, result: { statusCode: 200 } });
    expect(receiver.callsFor(taskId).map((call) => call.status)).toEqual([500, 500, 500, 500, 200]);
    expect(receiver.callsFor(taskId)[0]).toMatchObject({ path: '/hooks/orders', body: '{"n":1}' });
  });

  it('should fail a webhook the receiver always fails after five attempts and dead-letter its message', async () => {
    // Arrange
    receiver = await startWebhookReceiver(() => 500);
    const sqs = new SQSClient(clientConfig(test.cloud));

    try {
      // Act
      const taskId = await submit({
        type: 'webhook',
        payload: { url: `${receiver.url}/hooks/down`, body: {} },
      });
      const status = await finalStatus(taskId);
      const deadLettered = await pollUntil(
        'the message in the dead-letter queue',
        async () => {
          const { Messages = [] } = await sqs.send(
            new ReceiveMessageCommand({
              QueueUrl: test.cloud.outputs.TaskDeadLetterQueueUrl,
              MaxNumberOfMessages: 10,
              MessageAttributeNames: ['All'],
              WaitTimeSeconds: 1,
              VisibilityTimeout: 0,
            }),
          );
          return Messages.find((message) => message.Body?.includes(taskId));
        },
        30_000,
      );

      // Assert
      expect(status).toMatchObject({ status: 'FAILED', attempts: 5, error: { code: 'RETRIES_EXHAUSTED' } });
      expect(receiver.callsFor(taskId)).toHaveLength(5);
      expect(JSON.parse(deadLettered.Body ?? '{}')).toMatchObject({ taskId, type: 'webhook' });
    } finally {
      sqs.destroy();
    }
  });
});
