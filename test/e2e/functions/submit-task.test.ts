import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import type { handler as submitTaskHandler } from '../../../functions/submit-task/handler';
import { type ApiEventOptions, apiEvent } from '../../unit/support/api-gateway-event';
import { lambdaContext } from '../../unit/support/lambda-context';
import type { spyOnBusinessMetrics as metricsSpy } from '../../unit/support/metrics-spy';
import { type LocalStateTables, startStateTables } from '../support/state-tables';

/*
 * POST /tasks on DynamoDB (dynalite behind the local endpoint): the task record's writes and
 * Powertools idempotency's conditional writes are the real ones; SQS is mocked. Requests refused
 * before anything is written, and a table that cannot be written, are tested in
 * test/unit/functions/submit-task.test.ts.
 */
const sqs = mockClient(SQSClient);
let tables: LocalStateTables;
let handler: typeof submitTaskHandler;
let spyOnBusinessMetrics: typeof metricsSpy;
let send: jest.SpyInstance;

/** The commands the functions' document client sent, read like aws-sdk-client-mock's calls. */
const documents = {
  commandCalls: <T>(command: new (...args: never[]) => T): { args: [T] }[] =>
    send.mock.calls.filter(([sent]) => sent instanceof command).map(([sent]) => ({ args: [sent as T] })),
};

beforeAll(async () => {
  tables = await startStateTables('submit-task');
  ({ handler } = await import('../../../functions/submit-task/handler'));
  ({ spyOnBusinessMetrics } = await import('../../unit/support/metrics-spy'));
  const { documentClient } = await import('../../../functions/shared/aws-clients');
  // A spy, not a mock: every command still reaches the table.
  send = jest.spyOn(documentClient, 'send');
});

afterAll(async () => {
  send?.mockRestore();
  await tables?.stop();
});

const submit = async (options: ApiEventOptions): Promise<APIGatewayProxyResult> =>
  handler(apiEvent({ method: 'POST', path: '/tasks', ...options }), lambdaContext());

const errorOf = (response: APIGatewayProxyResult) =>
  (JSON.parse(response.body) as { error: { code: string; message: string; details?: { path: string }[] } })
    .error;

const helloTask = (name = 'Ada') => ({ type: 'hello', payload: { name } });

beforeEach(async () => {
  await tables.clear();
  send.mockClear();
  sqs.reset();
  sqs.on(SendMessageCommand).resolves({ MessageId: 'message-1' });
});

describe('POST /tasks', () => {
  it('should accept a valid task with 202, a Location and a status URL', async () => {
    const response = await submit({ body: helloTask(), headers: { 'X-Correlation-Id': 'corr-1' } });

    expect(response.statusCode).toBe(202);
    const body = JSON.parse(response.body) as { taskId: string; status: string; statusUrl: string };
    expect(body.status).toBe('ACCEPTED');
    expect(body.statusUrl).toBe(
      `https://abc123.execute-api.us-east-1.amazonaws.com/prod/tasks/${body.taskId}`,
    );
    expect(response.headers?.location).toBe(body.statusUrl);
    expect(response.headers?.['x-correlation-id']).toBe('corr-1');
  });

  it('should persist an ACCEPTED record and enqueue the task with its attributes', async () => {
    const response = await submit({ body: helloTask(), headers: { 'X-Correlation-Id': 'corr-2' } });

    const { taskId } = JSON.parse(response.body) as { taskId: string };
    const put = documents.commandCalls(PutCommand)[0]?.args[0].input;
    expect(put?.Item).toMatchObject({
      taskId,
      type: 'hello',
      status: 'ACCEPTED',
      attempts: 0,
      correlationId: 'corr-2',
    });
    const sent = sqs.commandCalls(SendMessageCommand)[0]?.args[0].input;
    expect(JSON.parse(sent?.MessageBody ?? '{}')).toMatchObject({
      taskId,
      type: 'hello',
      payload: { name: 'Ada' },
    });
    expect(sent?.MessageAttributes).toEqual({
      taskId: { DataType: 'String', StringValue: taskId },
      taskType: { DataType: 'String', StringValue: 'hello' },
      correlationId: { DataType: 'String', StringValue: 'corr-2' },
    });
  });

  it('should count the accepted task once, replays not included', async () => {
    const businessMetrics = spyOnBusinessMetrics();

    await submit({ body: helloTask(), headers: { 'Idempotency-Key': 'k-metric' } });
    await submit({ body: helloTask(), headers: { 'Idempotency-Key': 'k-metric' } });

    businessMetrics.restore();
    expect(businessMetrics.counted).toEqual([
      { name: 'TasksAccepted', value: 1, dimensions: { taskType: 'hello' } },
    ]);
  });

  it('should generate a correlation id when the caller sends none', async () => {
    const response = await submit({ body: helloTask() });

    expect(response.headers?.['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('should accept a webhook to an allow-listed host', async () => {
    const response = await submit({
      body: { type: 'webhook', payload: { url: 'https://api.partner.example/in', body: [1, 2] } },
    });

    expect(response.statusCode).toBe(202);
  });

  describe('with an Idempotency-Key', () => {
    it('should answer the first task and send nothing new for the same body', async () => {
      const first = await submit({ body: helloTask(), headers: { 'Idempotency-Key': 'k-1' } });
      const second = await submit({ body: helloTask(), headers: { 'Idempotency-Key': 'k-1' } });

      expect(second.statusCode).toBe(202);
      expect(JSON.parse(second.body).taskId).toBe(JSON.parse(first.body).taskId);
      expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(1);
      expect(documents.commandCalls(PutCommand)).toHaveLength(1);
    });

    it('should answer 409 for the same key with another body', async () => {
      await submit({ body: helloTask('Ada'), headers: { 'Idempotency-Key': 'k-2' } });
      const response = await submit({ body: helloTask('Grace'), headers: { 'Idempotency-Key': 'k-2' } });

      expect(response.statusCode).toBe(409);
      expect(errorOf(response).code).toBe('CONFLICT');
      expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(1);
    });

    it('should scope keys to the caller', async () => {
      await submit({ body: helloTask(), headers: { 'Idempotency-Key': 'k-3' } });
      const other = await submit({
        body: helloTask('Grace'),
        headers: { 'Idempotency-Key': 'k-3' },
        userArn: 'arn:aws:iam::000000000000:user/other',
      });

      expect(other.statusCode).toBe(202);
      expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(2);
    });
  });

  describe('when a dependency is down', () => {
    it('should answer 503, remove the record, and let a retry with the same key succeed', async () => {
      sqs.on(SendMessageCommand).rejectsOnce(new Error('connect ECONNREFUSED sqs internal detail'));

      const failed = await submit({ body: helloTask(), headers: { 'Idempotency-Key': 'k-4' } });

      expect(failed.statusCode).toBe(503);
      expect(failed.body).not.toContain('ECONNREFUSED');
      const created = documents.commandCalls(PutCommand)[0]?.args[0].input.Item as { taskId: string };
      expect(documents.commandCalls(DeleteCommand)[0]?.args[0].input.Key).toEqual({ taskId: created.taskId });

      const retried = await submit({ body: helloTask(), headers: { 'Idempotency-Key': 'k-4' } });

      expect(retried.statusCode).toBe(202);
      expect(JSON.parse(retried.body).taskId).not.toBe(created.taskId);
      expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(2);
    });
  });
});
