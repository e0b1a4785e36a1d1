import { signedFetch } from '../../../../../common/execute-api-signature';

/** Where the API is and whose credentials sign for it. */
export interface ApiTarget {
  readonly apiUrl: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** A response with its body parsed when it is JSON. */
export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

/** Calls the API over real HTTP with a SigV4 signature for `execute-api`, as an IAM client would. */
export async function signedRequest(
  target: ApiTarget,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResponse> {
  const url = new URL(`${target.apiUrl}${path}`);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const response = await signedFetch(
    {
      method,
      url,
      headers: { ...(payload !== undefined && { 'content-type': 'application/json' }), ...headers },
      ...(payload !== undefined && { body: payload }),
    },
    target.credentials,
    target.region,
  );
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: the raw text is the body.
  }
  return { status: response.status, headers: response.headers, body: parsed };
}
