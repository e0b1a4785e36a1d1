import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConsoleHttpError } from './errors';

/** A comment line at this interval keeps proxies and the browser from closing an idle stream. */
const KEEP_ALIVE_MS = 15_000;

/** Open streams at most: a few tabs of a few views; more is a runaway script, not a developer. */
export const MAX_OPEN_STREAMS = 32;

/**
 * Bytes a stream may have waiting for a reader that stopped reading (a frozen background tab)
 * before it is closed; the page reconnects and is sent the recent lines again. Without a bound,
 * logs under load would pile up in the runner's memory.
 */
export const MAX_BUFFERED_BYTES = 1024 * 1024;

/** One open server-sent events answer. */
export interface EventStream {
  send(event: string, data: unknown): void;
  /** Called once, when the browser goes away, the stream falls too far behind or the console stops. */
  onClose(listener: () => void): void;
}

/** The console's open event streams. */
export class EventStreams {
  private readonly open = new Set<ServerResponse>();

  /** Starts a `text/event-stream` answer; 503 when too many are open already. */
  start(request: IncomingMessage, response: ServerResponse): EventStream {
    if (this.open.size >= MAX_OPEN_STREAMS) {
      throw new ConsoleHttpError(
        503,
        'TooManyStreams',
        `${MAX_OPEN_STREAMS} live views are open already; close some console tabs`,
      );
    }
    response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive' });
    response.flushHeaders();
    this.open.add(response);
    const listeners: Array<() => void> = [];
    const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    keepAlive.unref();
    let closed = false;
    const markClosed = () => {
      if (closed) return;
      closed = true;
      clearInterval(keepAlive);
      this.open.delete(response);
      for (const listener of listeners.splice(0)) listener();
    };
    request.on('close', markClosed);
    response.on('close', markClosed);
    return {
      send: (event, data) => {
        if (closed) return;
        if (response.writableLength > MAX_BUFFERED_BYTES) {
          response.destroy();
          markClosed();
          return;
        }
        response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      },
      onClose: (listener) => {
        if (closed) listener();
        else listeners.push(listener);
      },
    };
  }

  /** How many are open. */
  get size(): number {
    return this.open.size;
  }
}
