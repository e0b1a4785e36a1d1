/**
 * The contract between the local AWS endpoint (one HTTP port) and each emulated service.
 * The endpoint reads the whole request, asks each service in turn whether it owns it
 * (by `X-Amz-Target` prefix, or by the query protocol's `Action`), and writes back what the
 * owning service answers. Services never touch sockets, so they test without a server.
 */
export interface AwsRequest {
  readonly method: string;
  /** Path and query string as received, e.g. `/` or `/000000000000/my-queue`. */
  readonly url: string;
  /** Header names lower-cased; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Buffer;
  /** Base URL of this endpoint (`http://127.0.0.1:4566`), for queue URLs and the like. */
  readonly endpointUrl: string;
  /** Aborts when the client goes away or the endpoint stops, so long polls end early. */
  readonly signal?: AbortSignal;
}

export interface AwsResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Buffer;
}

export interface AwsService {
  /** Short name for logs and errors, e.g. `sqs`. */
  readonly name: string;
  /** The service name clients sign its requests for (SigV4 scope), e.g. `sqs`, `monitoring`. */
  readonly signingName: string;
  /** True when this service owns the request. Must be cheap and must not throw. */
  canHandle(request: AwsRequest): boolean;
  /** Answers the request; AWS errors are answered, never thrown. */
  handle(request: AwsRequest): Promise<AwsResponse>;
  /** Stops timers and pollers and releases the store. */
  close(): Promise<void>;
}
