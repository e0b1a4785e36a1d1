import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConsoleHttpError } from '../../../../console/server/errors';
import { EventStreams, MAX_BUFFERED_BYTES, MAX_OPEN_STREAMS } from '../../../../console/server/event-stream';

describe('EventStreams', () => {
  let server: Server;
  let origin: string;
  const streams = new EventStreams();
  const opened: Array<ReturnType<EventStreams['start']>> = [];
  const refusals: ConsoleHttpError[] = [];

  beforeAll(async () => {
    server = createServer((request: IncomingMessage, response: ServerResponse) => {
      try {
        opened.push(streams.start(request, response));
      } catch (error) {
        if (!(error instanceof ConsoleHttpError)) throw error;
        refusals.push(error);
        response.writeHead(error.statusCode).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends events in the server-sent events format', async () => {
    const controller = new AbortController();
    const answer = await fetch(origin, { signal: controller.signal });
    expect(answer.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    opened.at(-1)?.send('overview', { at: 1 });
    const reader = answer.body?.getReader();
    const { value } = (await reader?.read()) ?? {};
    expect(new TextDecoder().decode(value)).toBe('event: overview\ndata: {"at":1}\n\n');
    controller.abort();
  });

  it(`refuses more than ${MAX_OPEN_STREAMS} open streams with 503, and frees a slot when one closes`, async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const controllers = Array.from({ length: MAX_OPEN_STREAMS }, () => new AbortController());
    await Promise.all(controllers.map((controller) => fetch(origin, { signal: controller.signal })));
    expect(streams.size).toBe(MAX_OPEN_STREAMS);
    const refused = await fetch(origin);
    expect(refused.status).toBe(503);
    expect(refusals.at(-1)?.code).toBe('TooManyStreams');

    const closed = new Promise<void>((resolve) => opened.at(-1)?.onClose(resolve));
    controllers.at(-1)?.abort();
    await closed;
    expect(streams.size).toBe(MAX_OPEN_STREAMS - 1);
    for (const controller of controllers) controller.abort();
  });

  it('closes a stream whose reader stopped reading once a megabyte waits, so memory stays bounded', async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    // A reader that never reads: the answer's body is left unconsumed.
    await fetch(origin);
    const stream = opened.at(-1);
    let closed = false;
    stream?.onClose(() => {
      closed = true;
    });
    const line = 'x'.repeat(64 * 1024);
    for (let sent = 0; sent < 8 * MAX_BUFFERED_BYTES && !closed; sent += line.length)
      stream?.send('log', line);
    expect(closed).toBe(true);
  });
});
