import { HEALTH_PATH } from '../../common/local-endpoints-file';
import { version } from '../../package.json';
import type { AwsResponse } from './aws-service';

/** Where the endpoint's own paths start, `HEALTH_PATH` among them; no AWS operation has a path here. */
const OWN_PREFIX = '/_switchyard/';

/** The endpoint as a whole: `running` once every service (and the stack, if any) is up. */
export type EndpointStatus = 'starting' | 'running' | 'stopping';

/** `stack`: `npm start` runs the stack's functions, pollers and API on it; `services`: the AWS services alone. */
export type EndpointMode = 'services' | 'stack';

/** One service's state, keyed by its AWS identifier. */
export type ServiceState = 'running' | 'stopping';

/** What `GET /_switchyard/health` answers. */
export interface HealthReport {
  readonly status: EndpointStatus;
  readonly mode: EndpointMode;
  /** By AWS service identifier: `sqs`, `dynamodb`, `events`, `cloudwatch`. */
  readonly services: Readonly<Record<string, ServiceState>>;
  /** The switchyard package's version. */
  readonly version: string;
}

/** AWS identifiers (the endpoint prefix, as in `events.<region>.amazonaws.com`) that differ from a service's short name. */
const AWS_SERVICE_IDS: Readonly<Record<string, string>> = { eventbridge: 'events' };

/** The health report for services of these short names. */
export function healthReport(
  status: EndpointStatus,
  mode: EndpointMode,
  serviceNames: readonly string[],
): HealthReport {
  const state: ServiceState = status === 'stopping' ? 'stopping' : 'running';
  return {
    status,
    mode,
    services: Object.fromEntries(serviceNames.map((name) => [AWS_SERVICE_IDS[name] ?? name, state])),
    version,
  };
}

/** True for the endpoint's own paths (`/_switchyard/...`), which no AWS service answers. */
export const isOwnPath = (url: string): boolean => pathOf(url).startsWith(OWN_PREFIX);

/**
 * The answer to a request for one of the endpoint's own paths: the health report to GET and
 * HEAD, 405 to other methods, 404 elsewhere under `/_switchyard/`. No signature is needed.
 */
export function ownPathResponse(method: string, url: string, report: () => HealthReport): AwsResponse {
  if (pathOf(url) !== HEALTH_PATH) {
    return json(404, {
      error: 'NotFound',
      message: `Nothing is served at ${pathOf(url)}; try ${HEALTH_PATH}.`,
    });
  }
  if (method !== 'GET' && method !== 'HEAD') {
    return json(
      405,
      { error: 'MethodNotAllowed', message: `${HEALTH_PATH} answers GET and HEAD, not ${method}.` },
      { allow: 'GET, HEAD' },
    );
  }
  // Never cached: a readiness check polls it until the status changes.
  return json(200, report(), { 'cache-control': 'no-store' });
}

const pathOf = (url: string): string => url.split('?', 1)[0] ?? url;

const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): AwsResponse => ({
  statusCode,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
