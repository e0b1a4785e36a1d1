import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type BrowserPolicy, refusalAnswer, refuseBrowserRequest } from '../platform/browser-guard';
import type { HandledRequest } from './gateway-handler';
import type { HttpAnswer } from './gateway-responses';

/** API Gateway REST's request payload limit. */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
/** Past this the connection is cut instead of drained: nobody legitimately sends that much. */
const DRAIN_LIMIT_BYTES = 8 * MAX_PAYLOAD_BYTES;

export interface GatewayServer {
  readonly port: number;
  close(): Promise<void>;
}

interface ReadBody {
  readonly body: Buffer;
  readonly tooLarge: boolean;
}

/**
 * Reads the body up to the payload limit. An oversized body is still drained (not buffered) so the
 * client finishes sending and reads the 413, rather than seeing a reset connection.
 */
function readBody(request: IncomingMessage): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > DRAIN_LIMIT_BYTES) {
      resolve({ body: Buffer.alloc(0), tooLarge: true });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > DRAIN_LIMIT_BYTES) {
        request.destroy();
        resolve({ body: Buffer.alloc(0), tooLarge: true });
        return;
      }
      if (size <= MAX_PAYLOAD_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve({ body: Buffer.concat(chunks), tooLarge: size > MAX_PAYLOAD_BYTES }));
    request.on('error', reject);
  });
}

const pairs = (rawHeaders: readonly string[]): [string, string][] => {
  const result: [string, string][] = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    result.push([rawHeaders[index] as string, rawHeaders[index + 1] as string]);
  }
  return result;
};

/** Splits the request target into path and query, tolerating absolute-form targets. */
const splitTarget = (url: string): { path: string; query: string } => {
  let target = url;
  if (/^https?:\/\//i.test(target)) {
    try {
      const parsed = new URL(target);
      target = `${parsed.pathname}${parsed.search}`;
    } catch {
      target = '/';
    }
  }
  const questionMark = target.indexOf('?');
  const path = questionMark === -1 ? target : target.slice(0, questionMark);
  return {
    path: path.startsWith('/') ? path : `/${path}`,
    query: questionMark === -1 ? '' : target.slice(questionMark + 1),
  };
};

function write(response: ServerResponse, answer: HttpAnswer, closeConnection: boolean): void {
  try {
    for (const [name, value] of Object.entries(answer.headers)) response.setHeader(name, value);
    response.setHeader('Content-Length', answer.body.length);
    if (closeConnection) response.setHeader('Connection', 'close');
    response.statusCode = answer.statusCode;
    response.end(answer.body);
  } catch {
    // Headers already validated upstream; anything left is a broken socket with nobody to tell.
    if (!response.headersSent) {
      response.writeHead(500, { 'Content-Type': 'application/json' });
      response.end('{"message":"Internal server error"}');
    } else {
      response.destroy();
    }
  }
}

const lastValue = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value.at(-1) : value;

/**
 * Starts the HTTP server on 127.0.0.1 that feeds every request to `handle`, once the browser guard
 * (with what `policyFor` allows on the request's path) has let it through.
 */
export function startGatewayServer(
  port: number,
  handle: (request: HandledRequest) => Promise<HttpAnswer>,
  policyFor: (fullRawPath: string, rawPath: string) => BrowserPolicy,
): Promise<GatewayServer> {
  const server: Server = createServer((request, response) => {
    void (async () => {
      const localPort = (server.address() as AddressInfo | null)?.port ?? port;
      let tooLarge = false;
      try {
        const method = (request.method ?? 'GET').toUpperCase();
        const { path, query } = splitTarget(request.url ?? '/');
        const rawPath = path.replace(/^\/[^/]*/, '') || '/';
        // Before the body is read or a function runs: a web page must not drive the local API.
        const refusal = refuseBrowserRequest(
          { method, header: (name) => lastValue(request.headers[name]), localPort },
          policyFor(path, rawPath),
        );
        if (refusal !== undefined) {
          request.resume();
          write(response, refusalAnswer(refusal), true);
          return;
        }
        const read = await readBody(request);
        tooLarge = read.tooLarge;
        const answer = await handle({
          method,
          fullRawPath: path,
          rawPath,
          rawQuery: query,
          headers: pairs(request.rawHeaders),
          body: read.body,
          sourceIp: (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
          localPort,
          protocol: `HTTP/${request.httpVersion}`,
          tooLarge,
        });
        write(response, answer, tooLarge);
      } catch {
        write(
          response,
          {
            statusCode: 500,
            headers: { 'Content-Type': 'application/json' },
            body: Buffer.from('{"message":"Internal server error"}'),
          },
          true,
        );
      }
    })();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((resolveClose) => {
            server.close(() => resolveClose());
            server.closeAllConnections();
          }),
      });
    });
  });
}
