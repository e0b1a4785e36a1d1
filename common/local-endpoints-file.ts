import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The contract of `<dataDir>/endpoints.json`: written by the local cloud while it runs (the
 * services alone, or the whole stack), read by the operator CLI to find it. Here rather than in
 * `local/` so that the CLI can read the file without loading the local cloud, and so that both
 * writers and the reader are checked against one type.
 */

/** The folder the local cloud keeps its state in unless `--data-dir` names another. */
export const DEFAULT_DATA_DIR = '.switchyard';

/** The name of the endpoints file inside the data folder. */
export const ENDPOINTS_FILE_NAME = 'endpoints.json';

/**
 * Where the local AWS endpoint reports its state (local/endpoint/health.ts serves it): no AWS
 * operation has a path under `/_switchyard/`, so it never shadows one.
 */
export const HEALTH_PATH = '/_switchyard/health';

/** What the local cloud writes to `<dataDir>/endpoints.json` while it runs. */
export interface LocalEndpoints {
  /** The API Gateway stage URL. Absent when only the AWS services run (`npm run local:services`). */
  readonly apiUrl?: string;
  /** Base URL for `AWS_ENDPOINT_URL`, e.g. `http://127.0.0.1:4566`. */
  readonly awsEndpoint: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Absent when only the AWS services run (`npm run local:services`), without the stack. */
  readonly stackName?: string;
  /** The stack's outputs resolved to local values; absent without the stack. */
  readonly outputs?: Readonly<Record<string, string>>;
  /**
   * The web console's URL with this start's access token; absent when no console runs. The file
   * is readable by its owner only, as the token must be.
   */
  readonly consoleUrl?: string;
}

/** The endpoints file of a data folder. */
export const endpointsFilePath = (dataDir: string): string => join(dataDir, ENDPOINTS_FILE_NAME);

/**
 * The endpoints file of a data folder, or undefined when there is none (nothing is running).
 * Throws when the file is not JSON or not an endpoints file.
 */
export function readLocalEndpoints(dataDir: string): LocalEndpoints | undefined {
  const file = endpointsFilePath(dataDir);
  if (!existsSync(file)) return undefined;
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isLocalEndpoints(parsed)) throw new Error(`${file} is not a local cloud endpoints file`);
  return parsed;
}

/** True when `value` has the fields every writer of the endpoints file writes. */
const isLocalEndpoints = (value: unknown): value is LocalEndpoints => {
  if (typeof value !== 'object' || value === null) return false;
  const fields = value as Record<string, unknown>;
  return ['awsEndpoint', 'region', 'accessKeyId', 'secretAccessKey'].every(
    (name) => typeof fields[name] === 'string',
  );
};
