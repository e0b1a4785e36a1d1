import { mkdirSync } from 'node:fs';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import type { AwsRequest, AwsResponse, AwsService } from '../endpoint/aws-service';

const TARGET_PREFIXES = ['DynamoDB_20120810.'];
/** Headers the SDK checks (`x-amz-crc32`) or logs (request id) and content headers; the rest are dropped. */
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'x-amz-crc32', 'x-amzn-requestid'];

export interface DynaliteServiceOptions {
  /** LevelDB folder, e.g. `<dataDir>/dynamodb`. */
  readonly path: string;
  /** Table state transitions in ms; short so local CreateTable returns ACTIVE quickly. @default 0 */
  readonly tableTransitionMs?: number;
}

/**
 * DynamoDB through the shared endpoint: dynalite (DynamoDB on LevelDB) listens on its own
 * ephemeral 127.0.0.1 port and this service forwards `DynamoDB_20120810.*` requests to it
 * byte for byte, answers included, so the SDK's CRC32 check of the body still holds.
 */
export class DynaliteService implements AwsService {
  readonly name = 'dynamodb';

  private constructor(
    private readonly server: Server,
    private readonly port: number,
  ) {}

  static async start(options: DynaliteServiceOptions): Promise<DynaliteService> {
    mkdirSync(options.path, { recursive: true });
    const ms = options.tableTransitionMs ?? 0;
    const server = dynalite({ path: options.path, createTableMs: ms, deleteTableMs: ms, updateTableMs: ms });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    return new DynaliteService(server, (server.address() as AddressInfo).port);
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
        { host: '127.0.0.1', port: this.port, method: request.method, path: request.url, headers },
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

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
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
