import { errorMessage } from '../../common/error-summary';
import { signedHeaders, type UnsignedRequest } from '../../common/execute-api-signature';
import type { OpenApiValidator } from '../contract/openapi-validator';
import { ScenarioFailure } from '../errors';
import type { ScenarioTarget } from '../target/target';

/**
 * How a request is signed: properly, not at all, with the right key id and a wrong secret, or
 * properly and then sent with a body one byte longer than the one signed.
 */
export type Signing = 'signed' | 'unsigned' | 'wrong-secret' | 'body-changed-after-signing';

export interface ApiRequest {
  readonly method: 'GET' | 'POST';
  /** A path under the stage (`/tasks`), or an absolute URL the API answered with (a `Location`). */
  readonly path: string;
  /** Sent as JSON. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** @default 'signed' */
  readonly signing?: Signing;
}

/** An answer that keeps the contract. */
export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON; undefined when the body was empty. */
  readonly body: unknown;
  /** What the request was, for messages: `GET /tasks/{taskId}`. */
  readonly route: string;
}

/** How long one request may take. */
const REQUEST_TIMEOUT_MS = 30_000;

/** Answers a client retries after a pause: the stage's throttle, and the local cloud's busy answer. */
const RETRIED_STATUSES = new Set([429, 503]);
const RETRY_DELAYS_MS = [500, 1000, 2000];

/**
 * The API as a client sees it: each request signed (or deliberately not) and sent over HTTP,
 * each answer checked against the contract before a scenario looks at it, so every scenario
 * also proves that the answers it saw are the documented ones. `429` and `503` are retried a
 * few times, as a well-behaved client would; nothing was kept when they were answered.
 */
export class ApiClient {
  constructor(
    private readonly target: ScenarioTarget,
    private readonly contract: OpenApiValidator,
  ) {}

  async send(request: ApiRequest): Promise<ApiResponse> {
    const url = this.urlOf(request.path);
    for (let attempt = 0; ; attempt++) {
      const response = await this.sendOnce(request, url);
      const delay = RETRY_DELAYS_MS[attempt];
      if (!RETRIED_STATUSES.has(response.status) || delay === undefined) return response;
      await new Promise((resolve) => setTimeout(resolve, delay + Math.random() * delay));
    }
  }

  private async sendOnce(request: ApiRequest, url: URL): Promise<ApiResponse> {
    const stagePath =
      url.pathname.slice(new URL(this.target.apiUrl).pathname.replace(/\/$/, '').length) || '/';
    const described = `${request.method} ${stagePath}`;
    const payload = request.body === undefined ? undefined : JSON.stringify(request.body);
    const wire: UnsignedRequest = {
      method: request.method,
      url,
      headers: {
        ...(payload !== undefined && { 'content-type': 'application/json' }),
        ...request.headers,
      },
      ...(payload !== undefined && { body: payload }),
    };
    const headers = await this.headersFor(wire, request.signing ?? 'signed');
    const sentBody = request.signing === 'body-changed-after-signing' ? `${payload ?? ''} ` : payload;
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method: request.method,
        headers,
        body: sentBody,
        redirect: 'manual',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      text = await response.text();
    } catch (error) {
      const { name, cause } = error as { name?: unknown; cause?: { code?: unknown } };
      const reason =
        name === 'TimeoutError'
          ? `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`
          : typeof cause?.code === 'string'
            ? cause.code
            : errorMessage(error);
      throw new ScenarioFailure(`${described}: ${reason}`);
    }
    const { body, isText } = parseBody(text);
    const verdict = this.contract.check({
      method: request.method,
      path: stagePath,
      status: response.status,
      contentType: response.headers.get('content-type'),
      body,
      bodyIsText: isText,
    });
    const route = verdict.route ?? described;
    if (verdict.problems.length > 0) {
      throw new ScenarioFailure(`${route} breaks the contract: ${verdict.problems.join('; ')}`);
    }
    return { status: response.status, headers: response.headers, body, route };
  }

  private async headersFor(request: UnsignedRequest, signing: Signing): Promise<Record<string, string>> {
    if (signing === 'unsigned') return { ...request.headers };
    const credentials = await this.target.credentials();
    const signWith =
      signing === 'wrong-secret'
        ? { ...credentials, secretAccessKey: `${credentials.secretAccessKey}0` }
        : credentials;
    return signedHeaders(request, signWith, this.target.region);
  }

  /** Paths join the stage URL; an absolute URL must lie under it, so signed requests never leave the API. */
  private urlOf(path: string): URL {
    if (!/^https?:\/\//.test(path)) return new URL(`${this.target.apiUrl}${path}`);
    const url = new URL(path);
    if (!`${url.origin}${url.pathname}`.startsWith(`${this.target.apiUrl}/`)) {
      throw new ScenarioFailure(`the API pointed outside its stage ${this.target.apiUrl}: ${path}`);
    }
    return url;
  }
}

function parseBody(text: string): { body: unknown; isText: boolean } {
  if (text === '') return { body: undefined, isText: false };
  try {
    return { body: JSON.parse(text) as unknown, isText: false };
  } catch {
    return { body: text, isText: true };
  }
}
