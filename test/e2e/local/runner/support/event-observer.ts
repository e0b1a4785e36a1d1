import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP endpoint the observer fixture function posts each event it gets to. */
export interface EventObserver {
  readonly url: string;
  readonly events: unknown[];
  stop(): Promise<void>;
}

export async function startEventObserver(): Promise<EventObserver> {
  const events: unknown[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      events.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    events,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
