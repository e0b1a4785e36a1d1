import type { APIGatewayProxyEvent } from 'aws-lambda';

/**
 * The absolute URL of `path` on the API the request came through. The base is what the client
 * called: `requestContext.path` is the full path (stage or custom-domain base path included)
 * and `event.path` the resource path, so their difference is the prefix to keep.
 */
export const apiUrl = (
  event: Pick<APIGatewayProxyEvent, 'headers' | 'path' | 'requestContext'>,
  path: string,
): string => {
  const host = event.headers?.host ?? event.requestContext.domainName ?? 'localhost';
  const protocol = event.headers?.['x-forwarded-proto'] ?? 'https';
  const fullPath = event.requestContext.path ?? event.path;
  const prefix = fullPath.endsWith(event.path) ? fullPath.slice(0, fullPath.length - event.path.length) : '';
  return `${protocol}://${host}${prefix}${path}`;
};
