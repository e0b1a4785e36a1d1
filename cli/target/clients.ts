import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ClientSettings } from './target';

/**
 * The SDK clients of one target, each created on first use: most commands need one or two,
 * and every client resolves credentials when it is created.
 */
export class Clients {
  private readonly created: Array<{ destroy(): void }> = [];
  private sqsClient?: SQSClient;
  private documentClient?: DynamoDBDocumentClient;
  private eventsClient?: EventBridgeClient;
  private cloudWatchClient?: CloudWatchClient;

  constructor(private readonly settings: ClientSettings) {}

  get sqs(): SQSClient {
    this.sqsClient ??= this.track(new SQSClient(this.config()));
    return this.sqsClient;
  }

  /** DynamoDB with plain JavaScript values, as the function stores in functions/shared expect. */
  get dynamoDb(): DynamoDBDocumentClient {
    this.documentClient ??= DynamoDBDocumentClient.from(this.track(new DynamoDBClient(this.config())), {
      marshallOptions: { removeUndefinedValues: true },
    });
    return this.documentClient;
  }

  get eventBridge(): EventBridgeClient {
    this.eventsClient ??= this.track(new EventBridgeClient(this.config()));
    return this.eventsClient;
  }

  get cloudWatch(): CloudWatchClient {
    this.cloudWatchClient ??= this.track(new CloudWatchClient(this.config()));
    return this.cloudWatchClient;
  }

  /** Closes every client's sockets, so the process can exit at once. */
  destroy(): void {
    for (const client of this.created.splice(0)) client.destroy();
  }

  private config() {
    const { region, endpoint, credentials, profile } = this.settings;
    return {
      region,
      ...(endpoint !== undefined && { endpoint }),
      // A copy: the SDK annotates the credentials object it is given.
      ...(credentials !== undefined && { credentials: { ...credentials } }),
      ...(profile !== undefined && { profile }),
    };
  }

  private track<T extends { destroy(): void }>(client: T): T {
    this.created.push(client);
    return client;
  }
}
