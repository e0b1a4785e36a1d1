import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../../functions/submit-task/handler';
import { type ApiEventOptions, apiEvent } from '../support/api-gateway-event';
import { lambdaContext } from '../support/lambda-context';

/*
 * Requests refused before anything is written, and a table that cannot be written. Accepting
 * tasks, with and without an Idempotency-Key, is tested against DynamoDB in
 * test/e2e/functions/submit-task.test.ts.
 */
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
});

describe('POST /tasks', () => {
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
    it('should answer 400 for a key that is too long', async () => {
      const response = await submit({ body: helloTask(), headers: { 'Idempotency-Key': 'k'.repeat(129) } });

      expect(response.statusCode).toBe(400);
      expect(errorOf(response).details?.[0]?.path).toBe('headers.Idempotency-Key');
    });
  });

  describe('when a dependency is down', () => {
    it('should answer 503 and send nothing when the record cannot be written', async () => {
      documents.on(PutCommand).rejects(new Error('ProvisionedThroughputExceeded'));

      const response = await submit({ body: helloTask() });

      expect(response.statusCode).toBe(503);
      expect(errorOf(response).code).toBe('SERVICE_UNAVAILABLE');
      expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
    });
  });
});
