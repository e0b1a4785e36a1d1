import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { refusalAnswer, refuseBrowserRequest } from '../platform/browser-guard';
import { SignatureError, type SigV4Verifier } from '../platform/sigv4-verifier';
import type { AwsRequest, AwsResponse, AwsService } from './aws-service';
import { type EndpointMode, type EndpointStatus, healthReport, isOwnPath, ownPathResponse } from './health';

export interface AwsEndpointOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. @default 0 */
  readonly port?: number;
  /** Largest request body accepted, in bytes. @default 8 MiB (a 1 MiB message form-encoded can triple) */
  readonly maxBodyBytes?: number;
  /** Services asked in order; more can be added with `addService` before traffic arrives. @default [] */
  readonly services?: readonly AwsService[];
  /** What `/_switchyard/health` reports as `mode`. @default 'services' */
  readonly mode?: EndpointMode;
  /**
   * Verifies every request's SigV4 signature, for the owning service's signing name, before the
   * service sees it (`--enforce-sigv4`). Without it, as in LocalStack, signatures are not checked.
   */
  readonly verifier?: SigV4Verifier;
}

export interface AwsEndpoint {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  addService(service: AwsService): void;
  /** From now on `/_switchyard/health` reports `running` (until `close`); before, `starting`. */
  markReady(): void;
  /** From now on `/_switchyard/health` reports `stopping`, while what runs above drains. */
  markStopping(): void;
  /** Stops accepting requests, aborts long polls, then closes every service. */
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY = 8 * 1024 * 1024;

class BodyTooLargeError extends Error {}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      request.resume();
      reject(new BodyTooLargeError());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      if (size > limit) return;
      size += chunk.length;
      if (size > limit) {
        // Keep draining (and dropping) the rest, so the client can read the 413 before the socket closes.
        chunks.length = 0;
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function headersOf(request: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** Query-protocol callers send form bodies or `?Action=` and read XML errors. */
const isQueryProtocol = (request: AwsRequest): boolean =>
  (request.headers['content-type'] ?? '').includes('x-www-form-urlencoded') ||
  /[?&]Action=/.test(request.url);

/**
 * Errors the endpoint answers itself, before any service owns the request. Query-protocol callers
 * (form bodies, `?Action=`) read XML errors; everyone else reads the JSON protocol's shape.
 */
function endpointError(
  request: AwsRequest | undefined,
  statusCode: number,
  code: string,
  message: string,
): AwsResponse {
  const requestId = randomUUID();
  if (request !== undefined && isQueryProtocol(request)) {
    const escaped = message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    return {
      statusCode,
      headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
      body: `<?xml version="1.0"?><ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${escaped}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
    };
  }
  return {
    statusCode,
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-errortype': code,
      'x-amzn-requestid': requestId,
    },
    body: JSON.stringify({ __type: code, message }),
  };
}

/** AWS's error codes for a refused signature: JSON protocol, then query protocol. */
const SIGNATURE_CODES = {
  missing: ['MissingAuthenticationTokenException', 'MissingAuthenticationToken'],
  incomplete: ['IncompleteSignatureException', 'IncompleteSignature'],
  invalid: ['InvalidSignatureException', 'SignatureDoesNotMatch'],
  'unknown-key': ['UnrecognizedClientException', 'InvalidClientTokenId'],
} as const;

/** A 403 in the caller's protocol when the signature does not verify; nothing when it does. */
async function verifySignature(
  verifier: SigV4Verifier,
  request: AwsRequest,
  signingName: string,
): Promise<AwsResponse | undefined> {
  const questionMark = request.url.indexOf('?');
  try {
    await verifier.verify(
      {
        method: request.method,
        rawPath: questionMark === -1 ? request.url : request.url.slice(0, questionMark),
        rawQuery: questionMark === -1 ? '' : request.url.slice(questionMark + 1),
        headers: Object.entries(request.headers).filter(
          (entry): entry is [string, string] => entry[1] !== undefined,
        ),
        body: request.body,
      },
      signingName,
    );
    return undefined;
  } catch (error) {
    if (!(error instanceof SignatureError)) throw error;
    const [jsonCode, queryCode] = SIGNATURE_CODES[error.problem];
    const query = isQueryProtocol(request);
    return endpointError(request, 403, query ? queryCode : jsonCode, error.message);
  }
}

/**
 * The single local AWS endpoint: one HTTP server on 127.0.0.1 that reads each request, hands it
 * to the first service that claims it and writes back the answer. It never lets a request crash
 * the process: oversize bodies get 413, unowned requests a 400, service failures a 500. Requests a
 * web page could have sent (a foreign Host, a foreign Origin, a cross-site fetch, a CORS preflight)
 * get 403 before anything else, health included. Its own
 * `GET /_switchyard/health` reports the services and whether they are ready, unsigned, for
 * readiness checks and for the CLI.
 */
export async function startAwsEndpoint(options: AwsEndpointOptions = {}): Promise<AwsEndpoint> {
  const services: AwsService[] = [...(options.services ?? [])];
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  // Each request's own abort, ended by its client leaving or by close(). Not
  // AbortSignal.any(request, shutdown): see local/platform/linked-abort.ts for what that leaks.
  // Nor linkedAbort(shutdown): one listener per request on one signal trips Node's
  // MaxListenersExceededWarning past ten requests in flight; a set costs nothing per request.
  const inFlight = new Set<AbortController>();
  let closing = false;
  let url = '';
  let status: EndpointStatus = 'starting';
  const mode = options.mode ?? 'services';

  const dispatch = async (incoming: IncomingMessage, outgoing: ServerResponse): Promise<AwsResponse> => {
    const base = {
      method: incoming.method ?? 'GET',
      url: incoming.url ?? '/',
      headers: headersOf(incoming),
      endpointUrl: url,
    };
    // Before the body is read or anything runs: a web page must not drive the local cloud.
    const refusal = refuseBrowserRequest(
      {
        method: base.method,
        header: (name) => base.headers[name],
        localPort: incoming.socket.localPort ?? 0,
      },
      { preflight: 'refuse' },
    );
    if (refusal !== undefined) {
      incoming.resume();
      return refusalAnswer(refusal);
    }
    let body: Buffer;
    try {
      body = await readBody(incoming, maxBody);
    } catch (error) {
      const request = { ...base, body: Buffer.alloc(0) };
      const response =
        error instanceof BodyTooLargeError
          ? endpointError(
              request,
              413,
              'RequestEntityTooLarge',
              `Request body is larger than ${maxBody} bytes.`,
            )
          : endpointError(request, 400, 'MalformedRequest', 'The request body could not be read.');
      // The rest of an oversize body is not worth reading: close the connection after answering.
      return { ...response, headers: { ...response.headers, connection: 'close' } };
    }
    if (isOwnPath(base.url)) {
      return ownPathResponse(base.method, base.url, () =>
        healthReport(
          status,
          mode,
          services.map((service) => service.name),
        ),
      );
    }
    // Aborts a long poll when its client disconnects, so no message is locked for a reader that
    // left, and when the endpoint closes.
    const requestAbort = new AbortController();
    if (closing) requestAbort.abort();
    inFlight.add(requestAbort);
    outgoing.on('close', () => {
      inFlight.delete(requestAbort);
      if (!outgoing.writableFinished) requestAbort.abort();
    });
    const request: AwsRequest = { ...base, body, signal: requestAbort.signal };
    const service = services.find((candidate) => {
      try {
        return candidate.canHandle(request);
      } catch {
        return false;
      }
    });
    if (service === undefined) {
      const target = request.headers['x-amz-target'];
      return target === undefined
        ? endpointError(
            request,
            400,
            'InvalidAction',
            'The request names no operation this endpoint implements.',
          )
        : endpointError(request, 400, 'UnknownOperationException', `Unknown operation ${target}.`);
    }
    if (options.verifier !== undefined) {
      const refused = await verifySignature(options.verifier, request, service.signingName);
      if (refused !== undefined) return refused;
    }
    try {
      return await service.handle(request);
    } catch (error) {
      console.error(`${service.name}: request failed`, error);
      return endpointError(request, 500, 'InternalFailure', 'The request processing has failed.');
    }
  };

  const server: Server = createServer((incoming, outgoing) => {
    dispatch(incoming, outgoing)
      .then((response) => {
        if (outgoing.destroyed) return;
        const body = typeof response.body === 'string' ? Buffer.from(response.body, 'utf8') : response.body;
        outgoing.writeHead(response.statusCode, {
          ...response.headers,
          'content-length': String(body.length),
        });
        outgoing.end(body);
      })
      .catch((error: unknown) => {
        console.error('endpoint: could not answer', error);
        outgoing.destroy();
      });
  });
  // Keep-alive sockets of SDK clients would otherwise hold `close()` open for seconds.
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  url = `http://127.0.0.1:${port}`;

  return {
    url,
    port,
    addService: (service) => {
      services.push(service);
    },
    markReady: () => {
      if (status === 'starting') status = 'running';
    },
    markStopping: () => {
      status = 'stopping';
    },
    close: async () => {
      status = 'stopping';
      closing = true;
      for (const requestAbort of inFlight) requestAbort.abort();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // In-flight answers were just aborted; give them a moment, then cut what is left.
      const timer = setTimeout(() => server.closeAllConnections(), 1_000);
      await closed;
      clearTimeout(timer);
      for (const service of [...services].reverse()) await service.close();
    },
  };
}
