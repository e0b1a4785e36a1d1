import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type LocalCloud,
  type LocalCloudOptions,
  startLocalCloud,
} from '../../../../../local/runner/start-local-cloud';

/**
 * One cloud assembly for every runner test file and run: synthesizing takes 20 to 40 s, and the
 * runner reuses an assembly whose source hash matches, so only the first file of the first run
 * after a change pays for it.
 */
export const SHARED_OUTDIR = join(tmpdir(), 'switchyard-e2e-runner-cdk.out');

/** Enough for a synth, a start and the slowest flow of a test file. */
export const E2E_TIMEOUT_MS = 240_000;

/** A local cloud for one test file, with what it logged (shown when a test needs it). */
export interface TestCloud {
  readonly cloud: LocalCloud;
  readonly dataDir: string;
  readonly logs: string[];
  /** Stops the cloud and removes its data folder. */
  stop(): Promise<void>;
}

/** Starts the local cloud in process on ephemeral ports with a fresh data folder. */
export async function startTestCloud(options: LocalCloudOptions = {}): Promise<TestCloud> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'switchyard-runner-'));
  const logs: string[] = [];
  const ownsDataDir = options.dataDir === undefined;
  let cloud: LocalCloud;
  try {
    cloud = await startLocalCloud({
      apiPort: 0,
      awsPort: 0,
      outdir: SHARED_OUTDIR,
      log: (line) => logs.push(line),
      functionLogs: (name, _stream, line) => logs.push(`[${name}] ${line}`),
      ...options,
      dataDir,
    });
  } catch (error) {
    // A start that fails must not leave its temporary folder behind.
    if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    cloud,
    dataDir,
    logs,
    stop: async () => {
      await cloud.stop();
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** SDK client settings for the local endpoint. */
export function clientConfig(cloud: Pick<LocalCloud, 'awsEndpoint' | 'region' | 'credentials'>) {
  return {
    endpoint: cloud.awsEndpoint,
    region: cloud.region,
    credentials: cloud.credentials,
    maxAttempts: 1,
  };
}
