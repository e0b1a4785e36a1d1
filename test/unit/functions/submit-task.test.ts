import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../../functions/submit-task/handler';
import { type ApiEventOptions, apiEvent } from '../support/api-gateway-event';
import { fakeIdempotencyTable } from '../support/fake-idempotency-table';
import { lambdaContext } from '../support/lambda-context';
import { spyOnBusinessMetrics } from '../support/metrics-spy';

const documents = mockClient(DynamoDBDocumentClient);
const dynamo = mockClient(DynamoDBClient);
const sqs = mockClient(SQSClient);

const submit = async (options: ApiEventOptions): Promise<APIGatewayProxyResult> =>
  handler(apiEvent({ method: 'POST', path: '/tasks', ...options }), lambdaContext());

const errorOf = (response: APIGatewayProxyResult) =>
  (JSON.parse(response.body) as { error: { code: string; message: string; details?: { path: string }[] } })
    .error;

const helloTask = (name = 'Ada') => ({ type: 'hello', payload: { name } });

beforeEach(() => {
  documents.reset();
  dynamo.reset();
  sqs.reset();
  documents.on(PutCommand).resolves({});
  documents.on(DeleteCommand).resolves({});
  sqs.on(SendMessageCommand).resolves({ MessageId: 'message-1' });
  fakeIdempotencyTable(dynamo);
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

  it('should answer 400 MALFORMED_JSON for a body that is not JSON', async () => {
    const response = await submit({ rawBody: '{"type": "hello",' });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe('MALFORMED_JSON');
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
  });

  it('should answer 400 naming every offending field path', async () => {
    const response = await submit({ body: { type: 'hello', payload: { name: 42, extra: true } } });

    expect(response.statusCode).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details?.map((detail) => detail.path).sort()).toEqual(['payload', 'payload.name']);
    expect(documents.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('should answer 400 for an unknown task type, naming `type`', async () => {
    const response = await submit({ body: { type: 'teleport', payload: {} } });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details?.[0]?.path).toBe('type');
  });

  it('should reject a webhook to a host outside the allow-list at ingest', async () => {
    const response = await submit({
      body: { type: 'webhook', payload: { url: 'https://evil.example.org/hook', body: { a: 1 } } },
    });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details).toEqual([
      { path: 'payload.url', message: 'host evil.example.org is not in the webhook allow-list' },
    ]);
    expect(documents.commandCalls(PutCommand)).toHaveLength(0);
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
  });

  it('should accept a webhook to an allow-listed host', async () => {
    const response = await submit({
      body: { type: 'webhook', payload: { url: 'https://api.partner.example/in', body: [1, 2] } },
    });

    expect(response.statusCode).toBe(202);
  });

  it('should answer 413 for a body over the limit', async () => {
    const response = await submit({ body: helloTask('x'.repeat(1024 * 1024)) });

    expect(response.statusCode).toBe(413);
    expect(errorOf(response).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('should answer 415 for a body that is not declared as JSON', async () => {
    const response = await submit({ body: helloTask(), headers: { 'Content-Type': 'text/plain' } });

    expect(response.statusCode).toBe(415);
    expect(errorOf(response).message).toContain('text/plain');
  });

  it('should answer 400 for a malformed X-Correlation-Id and still echo a usable one', async () => {
    const response = await submit({ body: helloTask(), headers: { 'X-Correlation-Id': 'has spaces' } });

    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details?.[0]?.path).toBe('headers.X-Correlation-Id');
    expect(response.headers?.['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
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

    it('should answer 400 for a key that is too long', async () => {
      const response = await submit({ body: helloTask(), headers: { 'Idempotency-Key': 'k'.repeat(129) } });

      expect(response.statusCode).toBe(400);
      expect(errorOf(response).details?.[0]?.path).toBe('headers.Idempotency-Key');
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

    it('should answer 503 and send nothing when the record cannot be written', async () => {
      documents.on(PutCommand).rejects(new Error('ProvisionedThroughputExceeded'));

      const response = await submit({ body: helloTask() });

      expect(response.statusCode).toBe(503);
      expect(errorOf(response).code).toBe('SERVICE_UNAVAILABLE');
      expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
    });
  });
});
