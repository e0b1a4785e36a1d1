import { isRecord } from '../../common/is-record';
import { internalServerError } from './errors';
import type { HttpAnswer } from './gateway-responses';
import { isBinaryMediaType } from './proxy-event';

const ALLOWED_KEYS = new Set(['statusCode', 'headers', 'multiValueHeaders', 'body', 'isBase64Encoded']);

const isScalar = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** AWS logs "Malformed Lambda proxy response" and answers 502 Internal server error. */
const malformed = () => internalServerError('API_CONFIGURATION_ERROR', 502);

// Characters Node refuses in header names and values; a response carrying them is malformed.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Maps a Lambda proxy result (payload 1.0) to the HTTP answer, or throws the 502 gateway error
 * AWS gives for a malformed one: not an object, unknown keys, a non-integer status, a non-string
 * body, or headers that are not name to scalar (`multiValueHeaders`: name to scalar list).
 *
 * @param accept the request's Accept header: a base64 body is decoded only when it names one of
 *   the API's binary media types, otherwise API Gateway returns the base64 text as is.
 */
export function mapProxyResult(
  result: unknown,
  binaryMediaTypes: readonly string[],
  accept: string | undefined,
): HttpAnswer {
  if (!isRecord(result)) throw malformed();
  if (Object.keys(result).some((key) => !ALLOWED_KEYS.has(key))) throw malformed();
  const statusCode = typeof result.statusCode === 'string' ? Number(result.statusCode) : result.statusCode;
  if (
    typeof statusCode !== 'number' ||
    !Number.isInteger(statusCode) ||
    statusCode < 100 ||
    statusCode > 599
  ) {
    throw malformed();
  }
  if (result.body !== undefined && result.body !== null && typeof result.body !== 'string') throw malformed();
  if (
    result.isBase64Encoded !== undefined &&
    result.isBase64Encoded !== null &&
    typeof result.isBase64Encoded !== 'boolean'
  ) {
    throw malformed();
  }

  const merged = new Map<string, { name: string; values: string[] }>();
  const put = (name: string, values: string[], replace: boolean): void => {
    if (!HEADER_NAME.test(name) || values.some((value) => !HEADER_VALUE.test(value))) throw malformed();
    const existing = merged.get(name.toLowerCase());
    merged.set(name.toLowerCase(), {
      name: existing?.name ?? name,
      values: replace || !existing ? values : [...existing.values, ...values],
    });
  };
  if (result.headers !== undefined && result.headers !== null) {
    if (!isRecord(result.headers)) throw malformed();
    for (const [name, value] of Object.entries(result.headers)) {
      if (!isScalar(value)) throw malformed();
      put(name, [String(value)], false);
    }
  }
  if (result.multiValueHeaders !== undefined && result.multiValueHeaders !== null) {
    if (!isRecord(result.multiValueHeaders)) throw malformed();
    for (const [name, values] of Object.entries(result.multiValueHeaders)) {
      if (!Array.isArray(values) || !values.every(isScalar)) throw malformed();
      // The same header in both maps: AWS keeps only the multi-value list.
      put(name, values.map(String), true);
    }
  }

  const headers: Record<string, string | string[]> = {};
  for (const { name, values } of merged.values())
    headers[name] = values.length === 1 ? (values[0] as string) : values;
  // REST APIs answer JSON unless the function says otherwise.
  if (!merged.has('content-type')) headers['Content-Type'] = 'application/json';

  const text = typeof result.body === 'string' ? result.body : '';
  const decode =
    result.isBase64Encoded === true &&
    (accept ?? '').split(',').some((type) => isBinaryMediaType(type, binaryMediaTypes));
  return { statusCode, headers, body: decode ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8') };
}
