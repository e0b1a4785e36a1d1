import { mkdirSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AwsRequest, AwsResponse, AwsService } from '../endpoint';
import { projectRoot } from '../platform/project-root';

const TARGET_PREFIXES = ['DynamoDB_20120810.'];
/** Headers the SDK checks (`x-amz-crc32`) or logs (request id) and content headers; the rest are dropped. */
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'x-amz-crc32', 'x-amzn-requestid'];
const WORKER_SCRIPT = join(projectRoot(), 'local', 'dynamodb', 'dynalite-worker.cjs');
/** How long a clean close may take before the thread is ended anyway (LevelDB is crash-safe). */
const CLOSE_TIMEOUT_MS = 5_000;

type WorkerMessage =
  | { readonly kind: 'listening'; readonly port: number }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'closed' };

export interface DynaliteServiceOptions {
  /** LevelDB folder, e.g. `<dataDir>/dynamodb`. */
  readonly path: string;
  /** Table state transitions in ms; short so local CreateTable returns ACTIVE quickly. @default 0 */
  readonly tableTransitionMs?: number;
}

/**
 * DynamoDB through the shared endpoint: dynalite (DynamoDB on LevelDB) runs in a worker thread
 * of its own, listening on an ephemeral 127.0.0.1 port, and this service forwards
 * `DynamoDB_20120810.*` requests to it byte for byte, answers included, so the SDK's CRC32
 * check of the body still holds.
 */
export class DynaliteService implements AwsService {
  readonly name = 'dynamodb';
  readonly signingName = 'dynamodb';
  /** Kept-alive connections to the worker: a request costs no TCP handshake. */
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });

  private constructor(
    private readonly worker: Worker,
    /** dynalite's own port on 127.0.0.1, which answers only the endpoint's forwarded requests. */
    readonly port: number,
  ) {}

  static async start(options: DynaliteServiceOptions): Promise<DynaliteService> {
    mkdirSync(options.path, { recursive: true });
    const worker = new Worker(WORKER_SCRIPT, {
      workerData: { path: options.path, transitionMs: options.tableTransitionMs ?? 0 },
      // The runner may run under tsx or jest; the worker must not inherit their loaders.
      execArgv: [],
    });
    const port = await new Promise<number>((resolve, reject) => {
      const failed = (error: Error) =>
        reject(new Error(`the local DynamoDB could not start: ${error.message}`));
      worker.once('error', failed);
      worker.once('exit', (code) => failed(new Error(`its thread exited with code ${code}`)));
      worker.once('message', (message: WorkerMessage) => {
        if (message.kind === 'listening') resolve(message.port);
        else failed(new Error(message.kind === 'failed' ? message.message : 'it closed while starting'));
      });
    }).catch(async (error: unknown) => {
      await worker.terminate();
      throw error;
    });
    worker.removeAllListeners();
    return new DynaliteService(worker, port);
  }

  canHandle(request: AwsRequest): boolean {
    const target = request.headers['x-amz-target'];
    return target !== undefined && TARGET_PREFIXES.some((prefix) => target.startsWith(prefix));
  }

  handle(request: AwsRequest): Promise<AwsResponse> {
    return new Promise((resolve) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (value !== undefined && name !== 'host' && name !== 'connection') headers[name] = value;
      }
      headers['content-length'] = String(request.body.length);
      const upstream = httpRequest(
        {
          host: '127.0.0.1',
          port: this.port,
          method: request.method,
          path: request.url,
          headers,
          agent: this.agent,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const forwarded: Record<string, string> = {};
            for (const name of FORWARDED_RESPONSE_HEADERS) {
              const value = response.headers[name];
              if (typeof value === 'string') forwarded[name] = value;
            }
            resolve({
              statusCode: response.statusCode ?? 500,
              headers: forwarded,
              body: Buffer.concat(chunks),
            });
          });
          response.on('error', () => resolve(unavailable()));
        },
      );
      upstream.on('error', () => resolve(unavailable()));
      upstream.end(request.body);
    });
  }

  async close(): Promise<void> {
    this.agent.destroy();
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage('close');
    const timer = setTimeout(() => void this.worker.terminate(), CLOSE_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }
}

function unavailable(): AwsResponse {
  return {
    statusCode: 500,
    headers: { 'content-type': 'application/x-amz-json-1.0' },
    body: JSON.stringify({
      __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
      message: 'The local DynamoDB did not answer.',
    }),
  };
}
