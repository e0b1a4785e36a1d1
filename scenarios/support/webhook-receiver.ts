import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Paths of the receiver and what each answers: delivered, refused for good, failing every time. */
export const RECEIVER_ANSWERS = {
  '/scenarios/accept': 200,
  '/scenarios/reject': 400,
  '/scenarios/fail': 500,
} as const;

export type ReceiverPath = keyof typeof RECEIVER_ANSWERS;

/** One delivery the receiver got. */
export interface Delivery {
  readonly path: string;
  readonly taskId: string;
  readonly correlationId: string;
  readonly body: string;
}

/** The suite's own webhook receiver, for the local cloud (whose allow-list has 127.0.0.1). */
export interface WebhookReceiver {
  urlOf(path: ReceiverPath): string;
  deliveriesFor(taskId: string): readonly Delivery[];
  stop(): Promise<void>;
}

/** Largest body the receiver keeps; the scenarios send a few bytes. */
const MAX_BODY_BYTES = 64 * 1024;

/** Starts a receiver on 127.0.0.1 on a free port; it answers each path with a fixed status. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const deliveries: Delivery[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => {
      const path = new URL(request.url ?? '/', 'http://receiver').pathname;
      const status = (RECEIVER_ANSWERS as Record<string, number>)[path] ?? 404;
      deliveries.push({
        path,
        taskId: String(request.headers['x-switchyard-task-id'] ?? ''),
        correlationId: String(request.headers['x-correlation-id'] ?? ''),
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.writeHead(status, { 'content-type': 'text/plain' }).end(String(status));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    urlOf: (path) => `http://127.0.0.1:${port}${path}`,
    deliveriesFor: (taskId) => deliveries.filter((delivery) => delivery.taskId === taskId),
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
