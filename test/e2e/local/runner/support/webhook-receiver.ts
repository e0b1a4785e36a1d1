import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got. */
export interface ReceivedCall {
  readonly taskId: string;
  readonly path: string;
  readonly body: string;
  readonly status: number;
}

/** A local HTTP endpoint the webhook task type delivers to. */
export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly calls: ReceivedCall[];
  /** Calls per task id. */
  callsFor(taskId: string): ReceivedCall[];
  stop(): Promise<void>;
}

/**
 * Answers each call with the status `respond` picks from the call's number for its task
 * (1-based), after `delayMs` (to keep deliveries in flight).
 */
export async function startWebhookReceiver(
  respond: (attemptForTask: number, request: IncomingMessage) => number,
  delayMs = 0,
): Promise<WebhookReceiver> {
  const calls: ReceivedCall[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const taskId = String(request.headers['x-switchyard-task-id'] ?? '');
      const attempt = calls.filter((call) => call.taskId === taskId).length + 1;
      const status = respond(attempt, request);
      calls.push({ taskId, path: request.url ?? '', body: Buffer.concat(chunks).toString('utf8'), status });
      setTimeout(
        () => response.writeHead(status, { 'content-type': 'text/plain' }).end(String(status)),
        delayMs,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    callsFor: (taskId) => calls.filter((call) => call.taskId === taskId),
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
