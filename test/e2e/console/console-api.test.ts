import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startConsole } from '../../../console';
import type {
  ConsoleConfig,
  DeadLetterPeek,
  EventTypeList,
  FlowTimeline,
  LogLine,
  OverviewSample,
  PublishResult,
  TaskDetail,
  TaskList,
} from '../../../console/api-types';
import { E2E_TIMEOUT_MS, startTestCloud, type TestCloud } from '../local/runner/support/local-cloud-fixture';
import { pollUntil } from '../local/runner/support/poll-until';
import { signedRequest } from '../local/runner/support/signed-api';
import { type ConsoleSession, ndjsonLines, openConsole, readEvents } from './support/console-session';

jest.setTimeout(E2E_TIMEOUT_MS);

describe('the local console API on a running stack', () => {
  let test: TestCloud;
  let session: ConsoleSession;
  let consoleUrl: string;

  beforeAll(async () => {
    test = await startTestCloud({ console: (feeds) => startConsole(feeds, { port: 0 }) });
    consoleUrl = test.cloud.consoleUrl ?? '';
    session = await openConsole(consoleUrl);
  });
  afterAll(() => test?.stop());

  it('writes its URL, with the token, to endpoints.json', () => {
    const endpoints = JSON.parse(readFileSync(join(test.dataDir, 'endpoints.json'), 'utf8'));
    expect(endpoints.consoleUrl).toBe(consoleUrl);
    expect(consoleUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
  });

  it('refuses requests without the session cookie, and with a wrong token', async () => {
    const anonymous = await fetch(`${session.origin}/api/config`);
    expect(anonymous.status).toBe(401);
    const guessed = await fetch(`${session.origin}/?token=guessed`, { redirect: 'manual' });
    expect(guessed.status).toBe(401);
    expect(guessed.headers.get('set-cookie')).toBeNull();
  });

  it('derives channels, functions and rules from the stack', async () => {
    const config = (await (await session.get('/api/config')).json()) as ConsoleConfig;
    expect(config.stackName).toBe(test.cloud.stackName);
    expect(config.channels.map((channel) => channel.kind)).toContain('tasks');
    expect(config.channels.length).toBeGreaterThan(1);
    expect(config.functions).toEqual(test.cloud.lambda.list().map((definition) => definition.name));
    expect(config.rules.length).toBeGreaterThan(0);
    expect(config.taskStatuses).toEqual(['ACCEPTED', 'PROCESSING', 'SUCCEEDED', 'FAILED']);
  });

  describe('a task submitted through the API', () => {
    let taskId: string;
    let correlationId: string;

    beforeAll(async () => {
      const submitted = await signedRequest(test.cloud, 'POST', '/tasks', {
        type: 'hello',
        payload: { name: 'Console' },
      });
      expect(submitted.status).toBe(202);
      taskId = (submitted.body as { taskId: string }).taskId;
      correlationId = submitted.headers.get('x-correlation-id') ?? '';
    });

    it('is found by id, SUCCEEDED, with its attempt history', async () => {
      const task = await pollUntil('the task to succeed', async () => {
        const candidate = (await (await session.get(`/api/tasks/${taskId}`)).json()) as TaskDetail;
        return candidate.status === 'SUCCEEDED' ? candidate : undefined;
      });
      expect(task).toMatchObject({ taskId, type: 'hello', correlationId, attempts: 1 });
      expect(task.result).toBeDefined();
      expect(task.history?.map((entry) => entry.event)).toEqual(
        expect.arrayContaining(['ACCEPTED', 'SUCCEEDED']),
      );
    });

    it('is listed among recent tasks, filtered by status', async () => {
      const succeeded = (await (await session.get('/api/tasks?status=SUCCEEDED')).json()) as TaskList;
      expect(succeeded.tasks.map((task) => task.taskId)).toContain(taskId);
      const failed = (await (await session.get('/api/tasks?status=FAILED')).json()) as TaskList;
      expect(failed.tasks.map((task) => task.taskId)).not.toContain(taskId);
    });

    it('has a flow timeline', async () => {
      const flow = (await (await session.get(`/api/flows/${correlationId}`)).json()) as FlowTimeline;
      expect(flow.correlationId).toBe(correlationId);
      expect(flow.timeline.some((entry) => entry.kind === 'TASK' && entry.taskId === taskId)).toBe(true);
    });

    it('shows its function log lines, filtered by correlation id', async () => {
      const stream = await session.get(`/api/logs/stream?correlationId=${correlationId}`);
      expect(stream.headers.get('content-type')).toContain('text/event-stream');
      const events = await readEvents(stream, (seen) => seen.some((event) => event.event === 'log'));
      // Every connection starts with `reset`, so a reconnecting page does not show lines twice.
      expect(events[0]?.event).toBe('reset');
      const lines = events.filter((event) => event.event === 'log').map((event) => event.data as LogLine);
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.every((line) => line.correlationId === correlationId)).toBe(true);
    });
  });

  it('streams the overview: history first, then samples with every channel and function', async () => {
    const stream = await session.get('/api/overview/stream');
    const events = await readEvents(stream, (seen) => seen.some((event) => event.event === 'overview'), 5000);
    expect(events[0]?.event).toBe('history');
    const sample = events.find((event) => event.event === 'overview')?.data as OverviewSample;
    expect(sample.channels.length).toBeGreaterThan(1);
    expect(sample.functions.map((fn) => fn.name).sort()).toEqual(
      test.cloud.lambda
        .list()
        .map((definition) => definition.name)
        .sort(),
    );
    const submitTask = sample.functions.find((fn) => fn.invocations > 0);
    expect(submitTask?.durationP50Ms).toEqual(expect.any(Number));
  });

  it('publishes a test event through the stack API and answers what a client would get', async () => {
    const types = (await (await session.get('/api/event-types')).json()) as EventTypeList;
    expect(types.types.map((type) => type.name)).toContain('order.placed');
    const published = (await (
      await session.post('/api/events', {
        type: 'order.placed',
        source: 'com.switchyard.console',
        data: { orderId: 'o-1', amount: 12, currency: 'EUR', customer: { customerId: 'c-1' } },
      })
    ).json()) as PublishResult;
    expect(published.statusCode).toBe(202);
    expect(published.correlationId).toEqual(expect.any(String));
    const invalid = (await (
      await session.post('/api/events', {
        type: 'order.placed',
        source: 'com.switchyard.console',
        data: { amount: -1 },
      })
    ).json()) as PublishResult;
    expect(invalid.statusCode).toBe(400);
  });

  it('replays the archive narrowed by a pattern, reporting progress, and refuses a bad window or pattern', async () => {
    const window = { from: new Date(Date.now() - 120_000).toISOString(), to: new Date().toISOString() };
    const answer = await session.post('/api/replays', {
      ...window,
      pattern: { 'detail-type': ['order.placed'] },
    });
    expect(answer.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = (await ndjsonLines(answer)) as Array<{ type: string; result?: { state: string } }>;
    expect(lines.filter((line) => line.type === 'progress').length).toBeGreaterThan(0);
    expect(lines.at(-1)).toMatchObject({ type: 'result', result: { state: 'COMPLETED' } });

    const future = await session.post('/api/replays', { from: window.from, to: '2999-01-01T00:00:00Z' });
    expect(future.status).toBe(400);
    const badPattern = await session.post('/api/replays', {
      ...window,
      pattern: { 'detail-type': 'not-a-list' },
    });
    expect(badPattern.status).toBe(400);
    expect(((await badPattern.json()) as { message: string }).message).toMatch(/pattern/i);
  });

  it('peeks at a dead-letter queue and reports an empty redrive', async () => {
    const config = (await (await session.get('/api/config')).json()) as ConsoleConfig;
    const channel = config.channels[0]?.name ?? '';
    const peek = (await (await session.get(`/api/dead-letters/${channel}`)).json()) as DeadLetterPeek;
    expect(peek).toMatchObject({ channel, approximateDepth: 0, messages: [] });
    const lines = await ndjsonLines(await session.post(`/api/dead-letters/${channel}/redrive`, {}));
    expect(lines.at(-1)).toMatchObject({ type: 'result', result: { status: 'EMPTY', moved: 0 } });
  });

  it('answers bad input with a 4xx that says what is wrong', async () => {
    const badStatus = await session.get('/api/tasks?status=DONE');
    expect(badStatus.status).toBe(400);
    expect(((await badStatus.json()) as { message: string }).message).toContain('status must be one of');
    const missing = await session.get('/api/tasks/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    const noChannel = await session.get('/api/dead-letters/no-such-channel');
    expect(noChannel.status).toBe(400);
    const badReplay = await session.post('/api/replays', { from: 'yesterday' });
    expect(badReplay.status).toBe(400);
    const badLevel = await session.get('/api/logs/stream?level=LOUD');
    expect(badLevel.status).toBe(400);
  });
});
