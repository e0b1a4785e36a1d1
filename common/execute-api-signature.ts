import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from './node-sha256';

/** AWS credentials as the signer takes them. */
export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** One request as it goes on the wire, before signing. */
export interface UnsignedRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/**
 * The request's headers with a SigV4 signature for `execute-api` in `region`: `Authorization`,
 * `X-Amz-Date`, the body's hash and, for temporary credentials, the session token. The scenario
 * suite and the local console both call the stack's IAM-authorized API as a client does.
 */
export async function signedHeaders(
  request: UnsignedRequest,
  credentials: SigningCredentials,
  region: string,
): Promise<Record<string, string>> {
  const { url } = request;
  const signer = new SignatureV4({ service: 'execute-api', region, credentials, sha256: NodeSha256 });
  const signed = await signer.sign({
    method: request.method,
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port !== '' && { port: Number(url.port) }),
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: { host: url.host, ...request.headers },
    body: request.body,
  });
  return signed.headers;
}

/** Sends `request` signed for `execute-api`, as an IAM client of the API would. */
export async function signedFetch(
  request: UnsignedRequest,
  credentials: SigningCredentials,
  region: string,
): Promise<Response> {
  const headers = await signedHeaders(request, credentials, region);
  return fetch(request.url, {
    method: request.method,
    headers,
    ...(request.body !== undefined && { body: request.body }),
  });
}
