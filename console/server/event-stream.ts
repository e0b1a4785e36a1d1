import type { IncomingMessage, ServerResponse } from 'node:http';

/** A comment line at this interval keeps proxies and the browser from closing an idle stream. */
const KEEP_ALIVE_MS = 15_000;

/** One open server-sent events answer. */
export interface EventStream {
  send(event: string, data: unknown): void;
  /** Called once, when the browser goes away or the console stops. */
  onClose(listener: () => void): void;
  close(): void;
}

/** Starts a `text/event-stream` answer. */
export function startEventStream(request: IncomingMessage, response: ServerResponse): EventStream {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    connection: 'keep-alive',
  });
  response.flushHeaders();
  const listeners: Array<() => void> = [];
  const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
  keepAlive.unref();
  let closed = false;
  const markClosed = () => {
    if (closed) return;
    closed = true;
    clearInterval(keepAlive);
    for (const listener of listeners.splice(0)) listener();
  };
  request.on('close', markClosed);
  response.on('close', markClosed);
  return {
    send(event, data) {
      if (closed) return;
      response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    onClose(listener) {
      if (closed) listener();
      else listeners.push(listener);
    },
    close() {
      response.end();
      markClosed();
    },
  };
}
