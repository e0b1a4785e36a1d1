/** An HTTP request as the gateway received it, before any API Gateway processing. */
export interface ReceivedRequest {
  readonly method: string;
  /** The path after the stage, still percent-encoded (`/tasks/a%20b`); `/` for the stage root. */
  readonly rawPath: string;
  /** The full path as sent, stage included. */
  readonly fullRawPath: string;
  /** The query as sent, without `?`. */
  readonly rawQuery: string;
  /** Header name/value pairs in arrival order, names in the client's case. */
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer;
  readonly sourceIp: string;
  /** Port the gateway listens on, for `X-Forwarded-Port`. */
  readonly localPort: number;
  /** `HTTP/1.1` */
  readonly protocol: string;
}

/** All values of a header, case-insensitively, in arrival order. */
export const headerValues = (request: ReceivedRequest, name: string): string[] => {
  const lower = name.toLowerCase();
  return request.headers.filter(([key]) => key.toLowerCase() === lower).map(([, value]) => value);
};

/** The last value of a header, as API Gateway's single-value `headers` keeps it. */
export const lastHeader = (request: ReceivedRequest, name: string): string | undefined =>
  headerValues(request, name).at(-1);

const safeDecode = (value: string): string => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

/** Form decoding, as REST APIs decode query strings: `+` is a space, `%2B` a plus. */
const decodeQueryPart = (value: string): string => safeDecode(value.replace(/\+/g, ' '));

/** Query parameters decoded, each name with its values in order; a name without `=` has `''`. */
export const parseQuery = (rawQuery: string): Map<string, string[]> => {
  const query = new Map<string, string[]>();
  for (const pair of rawQuery.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const name = decodeQueryPart(equals === -1 ? pair : pair.slice(0, equals));
    const value = decodeQueryPart(equals === -1 ? '' : pair.slice(equals + 1));
    query.set(name, [...(query.get(name) ?? []), value]);
  }
  return query;
};
