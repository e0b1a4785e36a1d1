import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { badRequest, ConsoleHttpError } from '../../../../console/server/errors';
import { answerWithProgress, type ProgressHooks } from '../../../../console/server/routes/progress-answer';

describe('answerWithProgress', () => {
  let server: Server;
  let origin: string;
  let run: (hooks: ProgressHooks) => Promise<unknown>;
  let seenSignal: AbortSignal | undefined;

  beforeAll(async () => {
    server = createServer((_request, response) => {
      void answerWithProgress(
        response,
        (hooks) => {
          seenSignal = hooks.signal;
          return run(hooks);
        },
        () => new ConsoleHttpError(500, 'InternalError', 'the operation failed; see the output'),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const lines = async (answer: Response) =>
    (await answer.text())
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as unknown);

  it('streams progress and warnings, then the result', async () => {
    run = ({ onProgress, onWarning }) => {
      onProgress('moving');
      onWarning('a rule was left behind');
      return Promise.resolve({ status: 'COMPLETED' });
    };
    const answer = await fetch(origin);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('application/x-ndjson');
    expect(await lines(answer)).toEqual([
      { type: 'progress', message: 'moving' },
      { type: 'progress', message: 'Warning: a rule was left behind' },
      { type: 'result', result: { status: 'COMPLETED' } },
    ]);
  });

  it('answers a refusal before any progress with its own 4xx, not a 200', async () => {
    run = () => Promise.reject(badRequest('no channel nope'));
    const answer = await fetch(origin);
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({ error: 'ValidationError', message: 'no channel nope' });
  });

  it('ends with an error line when the operation fails after it reported progress, without internals', async () => {
    run = ({ onProgress }) => {
      onProgress('started');
      return Promise.reject(new Error('socket hang up at /internal/path'));
    };
    const answer = await fetch(origin);
    expect(await lines(answer)).toEqual([
      { type: 'progress', message: 'started' },
      { type: 'error', error: 'InternalError', message: 'the operation failed; see the output' },
    ]);
  });

  it('aborts the operation when the browser goes away', async () => {
    let reported: () => void = () => undefined;
    const progressed = new Promise<void>((resolve) => {
      reported = resolve;
    });
    run = ({ onProgress, signal }) =>
      new Promise((_resolve, reject) => {
        onProgress('waiting');
        reported();
        signal.addEventListener('abort', () => reject(signal.reason));
      });
    const controller = new AbortController();
    const answer = await fetch(origin, { signal: controller.signal });
    await progressed;
    controller.abort();
    await answer.text().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seenSignal?.aborted).toBe(true);
  });
});
