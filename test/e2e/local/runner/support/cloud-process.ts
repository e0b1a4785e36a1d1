import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { LocalCloudOptions } from '../../../../../local/runner/start-local-cloud';

const ENTRY = join(__dirname, '..', 'fixtures', 'local-cloud-process.ts');
const ROOT = join(__dirname, '..', '..', '..', '..', '..');

/** A local cloud running in a child process. */
export interface CloudProcess {
  readonly apiUrl: string;
  readonly awsEndpoint: string;
  readonly outputs: Readonly<Record<string, string>>;
  readonly child: ChildProcess;
  /** Kills the process with SIGKILL: no cleanup, no draining, as in a crash. */
  kill(): Promise<void>;
  /** Stops it with SIGTERM and waits for a clean exit. */
  stop(): Promise<void>;
}

/** Starts the local cloud in a child process and resolves once it is ready. */
export function startCloudProcess(options: LocalCloudOptions): Promise<CloudProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, JSON.stringify(options)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the local cloud process exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      if (!line.startsWith('READY ')) return;
      const ready = JSON.parse(line.slice('READY '.length)) as Omit<CloudProcess, 'child' | 'kill' | 'stop'>;
      resolve({
        ...ready,
        child,
        kill: async () => {
          child.kill('SIGKILL');
          await exited;
        },
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}
