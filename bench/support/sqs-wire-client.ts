/**
 * An SQS consumer that speaks the JSON wire protocol with as little client work as it can: a
 * kept-alive `node:http` agent, SigV4 by `@smithy/signature-v4` over Node's native SHA-256, and
 * `JSON.parse` of the answer. The SDK spends about half a millisecond of CPU per call (middleware
 * stack, endpoint rules, schema serde), which caps one SDK process near the rate a bare
 * `node:http` server allows; this client leaves enough of a core to find the emulator's own
 * ceiling. It checks each answer's shape (message ids, receipt handles, every deletion
 * acknowledged); the benchmark checks that every message was received once and the queue left
 * empty, since SQS acknowledges a delete by a stale handle without deleting anything.
 */
import { createHash, createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';

/** What the signer hashes (`@smithy/types`' `SourceData`). */
type SourceData = string | ArrayBuffer | ArrayBufferView;

/** `@smithy/signature-v4`'s hash interface over node:crypto (HMAC when given a secret). */
class NodeSha256 {
  private hash: ReturnType<typeof createHash> | ReturnType<typeof createHmac>;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(secret));
  }
  update(data: SourceData): void {
    this.hash.update(toBuffer(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(this.hash.digest());
  }
}

const toBuffer = (data: SourceData): Buffer =>
  typeof data === 'string'
    ? Buffer.from(data)
    : ArrayBuffer.isView(data)
      ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
      : Buffer.from(data);

export interface WireClientOptions {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

interface ReceivedMessage {
  readonly MessageId?: string;
  readonly ReceiptHandle?: string;
}

export class SqsWireClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });
  private readonly url: URL;
  private readonly signer: SignatureV4;

  constructor(options: WireClientOptions) {
    this.url = new URL(options.endpoint);
    this.signer = new SignatureV4({
      service: 'sqs',
      region: options.region,
      credentials: options.credentials,
      sha256: NodeSha256,
    });
  }

  /** Receives up to ten messages and deletes them in one batch; resolves with their ids. */
  async receiveAndDeleteBatch(queueUrl: string, waitTimeSeconds: number): Promise<string[]> {
    const received = (await this.call('ReceiveMessage', {
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: waitTimeSeconds,
    })) as { Messages?: ReceivedMessage[] };
    const messages = received.Messages ?? [];
    if (messages.length === 0) return [];
    const entries = messages.map((message, i) => {
      if (typeof message.MessageId !== 'string' || typeof message.ReceiptHandle !== 'string') {
        throw new Error(`ReceiveMessage answered a message without id or receipt handle`);
      }
      return { Id: `d${i}`, ReceiptHandle: message.ReceiptHandle };
    });
    const deleted = (await this.call('DeleteMessageBatch', { QueueUrl: queueUrl, Entries: entries })) as {
      Successful?: unknown[];
      Failed?: unknown[];
    };
    if ((deleted.Successful?.length ?? 0) !== entries.length) {
      throw new Error(`DeleteMessageBatch deleted ${deleted.Successful?.length ?? 0} of ${entries.length}`);
    }
    return messages.map((message) => message.MessageId as string);
  }

  destroy(): void {
    this.agent.destroy();
  }

  private async call(operation: string, input: object): Promise<unknown> {
    const body = JSON.stringify(input);
    const signed = await this.signer.sign({
      method: 'POST',
      protocol: this.url.protocol,
      hostname: this.url.hostname,
      port: Number(this.url.port),
      path: '/',
      headers: {
        host: this.url.host,
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `AmazonSQS.${operation}`,
        'content-length': String(Buffer.byteLength(body)),
      },
      body,
    });
    return new Promise((resolve, reject) => {
      const outgoing = request(
        {
          agent: this.agent,
          host: this.url.hostname,
          port: this.url.port,
          method: 'POST',
          path: '/',
          headers: signed.headers,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (response.statusCode !== 200) {
              reject(new Error(`${operation} answered ${response.statusCode}: ${text.slice(0, 300)}`));
              return;
            }
            try {
              resolve(JSON.parse(text));
            } catch (error) {
              reject(error);
            }
          });
          response.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }
}
