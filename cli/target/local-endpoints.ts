import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The folder the local cloud keeps its state in by default. Kept here rather than imported
 * from `local/`, so the CLI does not load the local cloud's services just to find them.
 */
export const DEFAULT_DATA_DIR = '.switchyard';

/** What the local cloud writes to `<dataDir>/endpoints.json` while it runs. */
export interface LocalEndpoints {
  readonly apiUrl?: string;
  readonly awsEndpoint: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Absent when only the AWS services run (`npm run local:services`), without the stack. */
  readonly stackName?: string;
  readonly outputs?: Readonly<Record<string, string>>;
}

/** The endpoints file of a data folder, or undefined when there is none (nothing is running). */
export function readLocalEndpoints(dataDir: string): LocalEndpoints | undefined {
  const file = join(dataDir, 'endpoints.json');
  if (!existsSync(file)) return undefined;
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isLocalEndpoints(parsed)) throw new Error(`${file} is not a local cloud endpoints file`);
  return parsed;
}

const isLocalEndpoints = (value: unknown): value is LocalEndpoints => {
  if (typeof value !== 'object' || value === null) return false;
  const fields = value as Record<string, unknown>;
  return ['awsEndpoint', 'region', 'accessKeyId', 'secretAccessKey'].every(
    (name) => typeof fields[name] === 'string',
  );
};

/**
 * Whether something answers HTTP at the endpoint. A crashed local cloud (`kill -9`) leaves its
 * endpoints file behind, so the file alone does not prove the cloud runs.
 */
export async function isAnswering(url: string, timeoutMs = 1500): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return true;
  } catch {
    return false;
  }
}
