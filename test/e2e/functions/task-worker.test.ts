import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { TaskStore as TaskStoreClass } from '../../../functions/shared/task-store';
import type { taskTypeSettingsFromEnv as settingsFromEnv } from '../../../functions/shared/task-type-settings';
import type { handler as taskWorkerHandler } from '../../../functions/task-worker/handler';
import type { processTaskMessage as processMessage } from '../../../functions/task-worker/process-task-message';
import type { TaskOutcomePublisher } from '../../../functions/task-worker/task-outcome-publisher';
import { lambdaContext } from '../../unit/support/lambda-context';
import type { spyOnBusinessMetrics as metricsSpy } from '../../unit/support/metrics-spy';
import { sqsEvent, taskSqsRecord } from '../../unit/support/sqs-event';
import { acceptedRecord } from '../support/accepted-record';
import { type LocalStateTables, startStateTables } from '../support/state-tables';

/*
 * The task worker on DynamoDB (dynalite behind the local endpoint): claims, leases, releases,
 * dead-letter marks and redrives are the task store's real conditional writes. EventBridge and
 * the webhook receivers are mocked.
 */
const eventBridge = mockClient(EventBridgeClient);
let tables: LocalStateTables;
let handler: typeof taskWorkerHandler;
let processTaskMessage: typeof processMessage;
let TaskStore: typeof TaskStoreClass;
let taskTypeSettingsFromEnv: typeof settingsFromEnv;
let spyOnBusinessMetrics: typeof metricsSpy;

beforeAll(async () => {
  tables = await startStateTables('task-worker');
  ({ handler } = await import('../../../functions/task-worker/handler'));
  ({ processTaskMessage } = await import('../../../functions/task-worker/process-task-message'));
  ({ TaskStore } = await import('../../../functions/shared/task-store'));
  ({ taskTypeSettingsFromEnv } = await import('../../../functions/shared/task-type-settings'));
  ({ spyOnBusinessMetrics } = await import('../../unit/support/metrics-spy'));
});

afterAll(() => tables?.stop());

type StoredRecord = Record<string, unknown>;

/** The status record of `taskId` as the table holds it, if any. */
const recordOf = async (taskId: string): Promise<StoredRecord | undefined> =>
  (await tables.documents.send(new GetCommand({ TableName: tables.names.task, Key: { taskId } }))).Item;

/** Writes `record` to the task table as it is. */
const put = async (record: StoredRecord): Promise<void> => {
  await tables.documents.send(new PutCommand({ TableName: tables.names.task, Item: record }));
};

/** Every entry the worker put on the bus, with its detail parsed. */
const publishedEvents = () =>
  eventBridge
    .commandCalls(PutEventsCommand)
    .flatMap((call) => call.args[0].input.Entries ?? [])
    .map((entry: PutEventsRequestEntry) => ({ ...entry, Detail: JSON.parse(entry.Detail ?? '{}') }));
const fetchMock = jest.spyOn(globalThis, 'fetch');

/** Webhook receivers keyed by path: each answers with the given status. */
const receiverStatus = (statusByPath: Record<string, number>) =>
  fetchMock.mockImplementation((url) => {
    const status = statusByPath[new URL(String(url)).pathname] ?? 404;
    return Promise.resolve(new Response(null, { status }));
  });

const webhook = (path: string) => ({ url: `https://hooks.example.com${path}`, body: { ok: true } });

/** Accepted records for `taskIds`, each with `overrides`, as ingest would have left them. */
const seed = async (taskIds: string | string[], overrides: StoredRecord = {}) => {
  for (const taskId of [taskIds].flat()) await put({ ...acceptedRecord(taskId), ...overrides });
};

beforeEach(async () => {
  await tables.clear();
  eventBridge.reset();
  eventBridge.on(PutEventsCommand).callsFake((input: { Entries: unknown[] }) => ({
    FailedEntryCount: 0,
    Entries: input.Entries.map((_, index) => ({ EventId: `bus-${index}` })),
  }));
  fetchMock.mockReset();
});

afterAll(() => fetchMock.mockRestore());

describe('task worker', () => {
  it('should report exactly the retryable failures of a mixed batch', async () => {
    await seed(['ok', 'retry', 'client-error', 'bad-payload']);
    await seed('done', {
      status: 'SUCCEEDED',
      attempts: 1,
      result: { greeting: 'Hi' },
    });
    await seed('busy', {
      status: 'PROCESSING',
      attempts: 1,
      leaseExpiresAt: Date.now() + 60_000,
    });
    receiverStatus({ '/retry': 503, '/client-error': 400 });

    const response = await handler(
      sqsEvent(
        taskSqsRecord({ taskId: 'ok', payload: { name: 'Ada' } }),
        taskSqsRecord({ taskId: 'retry', type: 'webhook', payload: webhook('/retry') }),
        taskSqsRecord({ taskId: 'client-error', type: 'webhook', payload: webhook('/client-error') }),
        taskSqsRecord({ taskId: 'done', receiveCount: 2 }),
        taskSqsRecord({ taskId: 'busy', receiveCount: 2 }),
        taskSqsRecord({ taskId: 'bad-payload', payload: { name: 7 } }),
      ),
      lambdaContext(),
    );

    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier).sort()).toEqual([
      'message-busy',
      'message-retry',
    ]);
    expect(await recordOf('ok')).toMatchObject({
      status: 'SUCCEEDED',
      attempts: 1,
      result: { greeting: 'Hello, Ada!' },
    });
    expect(await recordOf('retry')).toMatchObject({
      status: 'PROCESSING',
      attempts: 1,
      leaseExpiresAt: 0,
      lastError: 'Webhook receiver answered HTTP 503',
    });
    expect(await recordOf('client-error')).toMatchObject({
      status: 'FAILED',
      error: { code: 'NON_RETRYABLE', message: 'Webhook receiver answered HTTP 400' },
    });
    expect(await recordOf('done')).toMatchObject({
      status: 'SUCCEEDED',
      attempts: 1,
      result: { greeting: 'Hi' },
    });
    expect(await recordOf('bad-payload')).toMatchObject({
      status: 'FAILED',
      error: { code: 'INVALID_TASK' },
    });
  });

  it('should count succeeded and failed tasks by type', async () => {
    await seed('counted-ok');
    await put({ ...acceptedRecord('counted-failed', { type: 'webhook' }) });
    receiverStatus({ '/gone': 404 });
    const businessMetrics = spyOnBusinessMetrics();

    await handler(
      sqsEvent(
        taskSqsRecord({ taskId: 'counted-ok' }),
        taskSqsRecord({ taskId: 'counted-failed', type: 'webhook', payload: webhook('/gone') }),
      ),
      lambdaContext(),
    );

    businessMetrics.restore();
    expect(businessMetrics.counted).toEqual(
      expect.arrayContaining([
        { name: 'TasksSucceeded', value: 1, dimensions: { taskType: 'hello' } },
        { name: 'TasksFailed', value: 1, dimensions: { taskType: 'webhook' } },
      ]),
    );
    expect(businessMetrics.counted).toHaveLength(2);
  });

  it('should not run a redelivered finished task again', async () => {
    await seed('once');
    receiverStatus({ '/once': 200 });
    const delivery = () =>
      handler(
        sqsEvent(taskSqsRecord({ taskId: 'once', type: 'webhook', payload: webhook('/once') })),
        lambdaContext(),
      );

    await delivery();
    const redelivered = await delivery();

    expect(redelivered.batchItemFailures).toEqual([]);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(await recordOf('once')).toMatchObject({
      status: 'SUCCEEDED',
      attempts: 1,
      result: { statusCode: 200 },
    });
  });

  it('should retry a released task and count its attempts', async () => {
    await seed('flaky');
    fetchMock
      .mockResolvedValueOnce(new Response(null, { status: 500 }))
      .mockResolvedValueOnce(new Response(null, { status: 204 }));
    const delivery = (receiveCount: number) =>
      handler(
        sqsEvent(
          taskSqsRecord({ taskId: 'flaky', type: 'webhook', payload: webhook('/flaky'), receiveCount }),
        ),
        lambdaContext(),
      );

    const first = await delivery(1);
    const second = await delivery(2);

    expect(first.batchItemFailures).toEqual([{ itemIdentifier: 'message-flaky' }]);
    expect(second.batchItemFailures).toEqual([]);
    expect(await recordOf('flaky')).toMatchObject({
      status: 'SUCCEEDED',
      attempts: 2,
      result: { statusCode: 204 },
    });
  });

  it('should mark the task FAILED with the last error on the final receive and still fail the item', async () => {
    await seed('exhausted');
    receiverStatus({ '/exhausted': 502 });

    const response = await handler(
      sqsEvent(
        taskSqsRecord({
          taskId: 'exhausted',
          type: 'webhook',
          payload: webhook('/exhausted'),
          receiveCount: 5,
        }),
      ),
      lambdaContext(),
    );

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'message-exhausted' }]);
    expect(await recordOf('exhausted')).toMatchObject({
      status: 'FAILED',
      error: { code: 'RETRIES_EXHAUSTED', message: 'Webhook receiver answered HTTP 502' },
    });
  });

  describe('when the last delivery finds an earlier attempt still running', () => {
    /**
     * A webhook receiver that answers only when the test says so; `reached` settles once the
     * running attempt has claimed the task and called it.
     */
    const heldReceiver = () => {
      let answer: (status: number) => void = () => undefined;
      let reachedReceiver: () => void = () => undefined;
      const reached = new Promise<void>((resolve) => (reachedReceiver = resolve));
      fetchMock.mockImplementation(() => {
        reachedReceiver();
        return new Promise<Response>(
          (resolve) => (answer = (status) => resolve(new Response(null, { status }))),
        );
      });
      return { answer: (status: number) => answer(status), reached };
    };
    const overrun = (receiveCount: number) =>
      taskSqsRecord({ taskId: 'overrun', type: 'webhook', payload: webhook('/slow'), receiveCount });
    const delivery = (receiveCount: number) => handler(sqsEvent(overrun(receiveCount)), lambdaContext());
    /**
     * The last delivery, handled in another execution environment: Lambda never runs two
     * invocations in one, so it goes straight to the message processor with its own store.
     */
    const lastDelivery = () => {
      const record = overrun(5);
      return processTaskMessage(
        { messageId: record.messageId, body: record.body, receiveCount: 5 },
        {
          store: new TaskStore(DynamoDBDocumentClient.from(new DynamoDBClient({})), 'tasks'),
          outcomes: { publish: jest.fn() } as unknown as TaskOutcomePublisher,
          settings: taskTypeSettingsFromEnv(),
          maxReceiveCount: 5,
          now: Date.now,
          leaseMs: () => 60_000,
        },
      );
    };

    it('should fail the task when the running attempt then fails retryably, since no retry will come', async () => {
      // Arrange: attempt 1 (4th receive) is waiting on the receiver
      await seed('overrun');
      const receiver = heldReceiver();
      const running = delivery(4);
      await receiver.reached;

      // Act: the 5th and last receive arrives meanwhile, then attempt 1 fails retryably
      await expect(lastDelivery()).rejects.toThrow('Task overrun is being processed by another invocation');
      const markedWhileRunning = { ...(await recordOf('overrun')) };
      receiver.answer(503);
      const first = await running;

      // Assert
      expect(markedWhileRunning).toMatchObject({ status: 'PROCESSING', deadLetteredAt: expect.any(String) });
      expect(first.batchItemFailures).toEqual([{ itemIdentifier: 'message-overrun' }]);
      expect(await recordOf('overrun')).toMatchObject({
        status: 'FAILED',
        attempts: 1,
        error: { code: 'RETRIES_EXHAUSTED', message: 'Webhook receiver answered HTTP 503' },
      });
      expect(publishedEvents().map((event) => event.DetailType)).toEqual(['task.failed']);
    });

    it('should let the running attempt succeed as usual', async () => {
      // Arrange
      await seed('overrun');
      const receiver = heldReceiver();
      const running = delivery(4);
      await receiver.reached;

      // Act
      await expect(lastDelivery()).rejects.toThrow('being processed by another invocation');
      receiver.answer(204);
      const first = await running;

      // Assert
      expect(first.batchItemFailures).toEqual([]);
      expect(await recordOf('overrun')).toMatchObject({ status: 'SUCCEEDED', attempts: 1 });
    });

    it("should not mark another message's attempt, which still has receives of its own", async () => {
      // Arrange: attempt 1 was started by another message (say a redriven copy) and is running
      await seed('overrun', {
        status: 'PROCESSING',
        attempts: 1,
        leaseExpiresAt: Date.now() + 60_000,
        lastMessageId: 'another-message',
      });

      // Act
      await expect(lastDelivery()).rejects.toThrow('being processed by another invocation');

      // Assert
      expect((await recordOf('overrun'))?.deadLetteredAt).toBeUndefined();
    });

    it('should start afresh when the dead-lettered message is redriven after the attempt died', async () => {
      // Arrange: attempt 1 died holding the lease; its last delivery was dead-lettered
      await seed('overrun', {
        status: 'PROCESSING',
        attempts: 1,
        leaseExpiresAt: Date.now() - 1,
        deadLetteredAt: '2026-01-01T00:05:00.000Z',
      });
      receiverStatus({ '/slow': 204 });

      // Act: the redriven message is a new message, received for the first time
      const response = await delivery(1);

      // Assert
      expect(response.batchItemFailures).toEqual([]);
      expect(await recordOf('overrun')).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
      expect((await recordOf('overrun'))?.deadLetteredAt).toBeUndefined();
    });
  });

  describe('when a task whose retries ran out is redriven from the DLQ', () => {
    const exhausted = (taskId: string, overrides: Record<string, unknown> = {}) => {
      return put({
        ...acceptedRecord(taskId, { type: 'webhook' }),
        status: 'FAILED',
        attempts: 5,
        error: { code: 'RETRIES_EXHAUSTED', message: 'Webhook receiver answered HTTP 503' },
        lastMessageId: `message-${taskId}`,
        runMessageIds: new Set([`message-${taskId}`]),
        outcomePublished: true,
        ...overrides,
      });
    };
    const deliver = (taskId: string, messageId?: string) =>
      handler(
        sqsEvent(taskSqsRecord({ taskId, type: 'webhook', payload: webhook(`/${taskId}`), messageId })),
        lambdaContext(),
      );

    it('should run the task again for the new message and publish its new outcome', async () => {
      // Arrange: the receiver is fixed
      await exhausted('fixed');
      receiverStatus({ '/fixed': 200 });

      // Act: SQS gives a redriven message a new message id
      const response = await deliver('fixed', 'redriven-message');

      // Assert
      expect(response.batchItemFailures).toEqual([]);
      const record = await recordOf('fixed');
      expect(record).toMatchObject({
        status: 'SUCCEEDED',
        attempts: 6,
        lastMessageId: 'redriven-message',
        result: { statusCode: 200 },
        outcomePublished: true,
      });
      expect(record?.error).toBeUndefined();
      const history = (record?.history ?? []) as Array<{ event: string }>;
      expect(history.map((entry) => entry.event).slice(-3)).toEqual(['REDRIVEN', 'STARTED', 'SUCCEEDED']);
      expect(publishedEvents().map((event) => event.Detail.metadata.eventId)).toEqual(['fixed:succeeded']);
    });

    it('should publish a second failure as an event of its own', async () => {
      // Arrange: still broken, and this is the redriven message's last receive
      await exhausted('still-broken');
      receiverStatus({ '/still-broken': 503 });

      // Act
      await handler(
        sqsEvent(
          taskSqsRecord({
            taskId: 'still-broken',
            type: 'webhook',
            payload: webhook('/still-broken'),
            messageId: 'redriven-message',
            receiveCount: 5,
          }),
        ),
        lambdaContext(),
      );

      // Assert: not the id of the first failure, which consumers have already seen
      expect(await recordOf('still-broken')).toMatchObject({ status: 'FAILED', attempts: 6 });
      expect(publishedEvents().map((event) => event.Detail.metadata.eventId)).toEqual([
        'still-broken:failed:6',
      ]);
    });

    it('should not run it again for the message that exhausted its retries', async () => {
      // Arrange
      await exhausted('duplicate');

      // Act
      const response = await deliver('duplicate');

      // Assert
      expect(response.batchItemFailures).toEqual([]);
      expect(fetchMock).not.toHaveBeenCalled();
      expect(await recordOf('duplicate')).toMatchObject({ status: 'FAILED', attempts: 5 });
    });

    it('should publish a failure still missing from the bus before running the task again', async () => {
      // Arrange: the failure's publish had failed when the task was dead-lettered
      await exhausted('unannounced', { outcomePublished: false });
      receiverStatus({ '/unannounced': 200 });

      // Act
      const first = await deliver('unannounced', 'redriven-message');
      const afterFirst = { ...(await recordOf('unannounced')) };
      const second = await deliver('unannounced', 'redriven-message');

      // Assert: the first delivery announces the failure and comes back; the second runs the task
      expect(first.batchItemFailures).toEqual([{ itemIdentifier: 'redriven-message' }]);
      expect(afterFirst).toMatchObject({ status: 'FAILED', outcomePublished: true });
      expect(second.batchItemFailures).toEqual([]);
      expect(await recordOf('unannounced')).toMatchObject({ status: 'SUCCEEDED', attempts: 6 });
      expect(publishedEvents().map((event) => event.Detail.metadata.eventId)).toEqual([
        'unannounced:failed:5',
        'unannounced:succeeded',
      ]);
    });

    it('should not run again a task that failed for good rather than for lack of retries', async () => {
      // Arrange
      await exhausted('rejected', {
        error: { code: 'NON_RETRYABLE', message: 'Webhook receiver answered HTTP 410' },
      });

      // Act
      await deliver('rejected', 'another-message');

      // Assert
      expect(fetchMock).not.toHaveBeenCalled();
      expect(await recordOf('rejected')).toMatchObject({ status: 'FAILED', attempts: 5 });
    });
  });

  it('should fail a task whose message body cannot be read without retrying it', async () => {
    await seed('garbled');

    const response = await handler(
      sqsEvent(taskSqsRecord({ taskId: 'garbled', rawBody: '{not json' })),
      lambdaContext(),
    );

    expect(response.batchItemFailures).toEqual([]);
    expect(await recordOf('garbled')).toMatchObject({ status: 'FAILED', error: { code: 'INVALID_TASK' } });
  });

  it('should drop a message for a task that has no record', async () => {
    const response = await handler(sqsEvent(taskSqsRecord({ taskId: 'ghost' })), lambdaContext());

    expect(response.batchItemFailures).toEqual([]);
    expect((await recordOf('ghost')) !== undefined).toBe(false);
  });

  it('should take over a task whose previous attempt died with its lease expired', async () => {
    await seed('orphan', {
      status: 'PROCESSING',
      attempts: 1,
      leaseExpiresAt: Date.now() - 1,
    });

    const response = await handler(
      sqsEvent(taskSqsRecord({ taskId: 'orphan', receiveCount: 2 })),
      lambdaContext(),
    );

    expect(response.batchItemFailures).toEqual([]);
    expect(await recordOf('orphan')).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
  });

  describe('outcome events', () => {
    it('should publish task.succeeded with the result and mark it published', async () => {
      await seed('emits');

      await handler(sqsEvent(taskSqsRecord({ taskId: 'emits', payload: { name: 'Ada' } })), lambdaContext());

      expect(publishedEvents()).toEqual([
        expect.objectContaining({
          EventBusName: 'switchyard-bus',
          Source: 'switchyard.tasks',
          DetailType: 'task.succeeded',
          Detail: {
            metadata: {
              correlationId: 'corr-emits',
              eventId: 'emits:succeeded',
              publishedAt: expect.any(String),
            },
            data: { taskId: 'emits', taskType: 'hello', attempts: 1, result: { greeting: 'Hello, Ada!' } },
          },
        }),
      ]);
      expect(await recordOf('emits')).toMatchObject({ status: 'SUCCEEDED', outcomePublished: true });
    });

    it('should publish task.failed for a task that fails for good', async () => {
      await put({ ...acceptedRecord('rejected', { type: 'webhook' }) });
      receiverStatus({ '/rejected': 410 });

      await handler(
        sqsEvent(taskSqsRecord({ taskId: 'rejected', type: 'webhook', payload: webhook('/rejected') })),
        lambdaContext(),
      );

      expect(publishedEvents().map((event) => [event.DetailType, event.Detail.data])).toEqual([
        [
          'task.failed',
          {
            taskId: 'rejected',
            taskType: 'webhook',
            attempts: 1,
            error: { code: 'NON_RETRYABLE', message: 'Webhook receiver answered HTTP 410' },
          },
        ],
      ]);
    });

    it('should retry a task whose outcome could not be published, publishing without running it again', async () => {
      await seed('unpublished');
      receiverStatus({ '/unpublished': 200 });
      eventBridge.on(PutEventsCommand).rejects(new Error('bus down'));
      const delivery = (receiveCount: number) =>
        handler(
          sqsEvent(
            taskSqsRecord({
              taskId: 'unpublished',
              type: 'webhook',
              payload: webhook('/unpublished'),
              receiveCount,
            }),
          ),
          lambdaContext(),
        );

      const first = await delivery(1);

      expect(first.batchItemFailures).toEqual([{ itemIdentifier: 'message-unpublished' }]);
      expect(await recordOf('unpublished')).toMatchObject({ status: 'SUCCEEDED' });
      expect((await recordOf('unpublished'))?.outcomePublished).toBeUndefined();

      eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'bus-1' }] });
      const second = await delivery(2);

      expect(second.batchItemFailures).toEqual([]);
      expect(fetchMock).toHaveBeenCalledTimes(1);
      expect(await recordOf('unpublished')).toMatchObject({ status: 'SUCCEEDED', outcomePublished: true });
      expect(publishedEvents().at(-1)?.Detail.metadata.eventId).toBe('unpublished:succeeded');
    });

    it('should record every state change in the task history', async () => {
      await seed('history');
      fetchMock
        .mockResolvedValueOnce(new Response(null, { status: 503 }))
        .mockResolvedValueOnce(new Response(null, { status: 200 }));
      const delivery = (receiveCount: number) =>
        handler(
          sqsEvent(
            taskSqsRecord({ taskId: 'history', type: 'webhook', payload: webhook('/h'), receiveCount }),
          ),
          lambdaContext(),
        );

      await delivery(1);
      await delivery(2);

      expect(
        (((await recordOf('history'))?.history ?? []) as { event: string; attempt?: number }[]).map(
          (entry) => [entry.event, entry.attempt],
        ),
      ).toEqual([
        ['ACCEPTED', undefined],
        ['STARTED', undefined],
        ['RETRYING', 1],
        ['STARTED', undefined],
        ['SUCCEEDED', 2],
      ]);
    });
  });
});
