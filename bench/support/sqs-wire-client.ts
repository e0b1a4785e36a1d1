/**
 * An SQS consumer that speaks the JSON wire protocol with as little client work as it can: a
 * `SignedHttpClient`, and `JSON.parse` of the answer. The SDK spends about half a millisecond of
 * CPU per call (middleware stack, endpoint rules, schema serde), which caps one SDK process near
 * the rate a bare `node:http` server allows; this client leaves enough of a core to find the
 * emulator's own ceiling. It checks each answer's shape (message ids, receipt handles, every deletion
 * acknowledged); the benchmark checks that every message was received once and the queue left
 * empty, since SQS acknowledges a delete by a stale handle without deleting anything.
 */
import { SignedHttpClient } from './signed-http-client';

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
  private readonly http: SignedHttpClient;

  constructor(options: WireClientOptions) {
    this.http = new SignedHttpClient({ ...options, service: 'sqs' });
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
    this.http.destroy();
  }

  private async call(operation: string, input: object): Promise<unknown> {
    const { status, text } = await this.http.request('POST', '/', JSON.stringify(input), {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `AmazonSQS.${operation}`,
    });
    if (status !== 200) throw new Error(`${operation} answered ${status}: ${text.slice(0, 300)}`);
    return JSON.parse(text);
  }
}
