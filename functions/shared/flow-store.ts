import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { BusEvent } from '../event-types';
import { TableDesign } from './table-design';

/** How long a flow's history is kept. */
export const FLOW_RETENTION_DAYS = 30;
/** Most items one flow query returns; a flow is a request's story, not a log. */
export const MAX_FLOW_ITEMS = 1000;

export type ConsumptionOutcome = 'PROCESSED' | 'REJECTED';

export type FlowItem =
  | {
      readonly kind: 'EVENT_PUBLISHED';
      readonly at: string;
      readonly eventId: string;
      readonly type: string;
      readonly source: string;
      readonly replayName?: string;
    }
  | {
      readonly kind: 'EVENT_CONSUMED';
      readonly at: string;
      readonly eventId: string;
      readonly type: string;
      readonly subscription: string;
      readonly outcome: ConsumptionOutcome;
    };

/**
 * The message store behind the flow timeline: what was published and who consumed it, keyed
 * by correlation id. Sort keys derive from the event id, so recording a redelivered or
 * replayed event again is a no-op rather than a duplicate line.
 */
export class FlowStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => number = Date.now,
  ) {}

  async recordPublished(event: BusEvent): Promise<void> {
    const { metadata } = event.detail;
    await this.putOnce(metadata.correlationId, `event#${metadata.eventId}`, {
      kind: 'EVENT_PUBLISHED',
      at: metadata.publishedAt,
      eventId: metadata.eventId,
      type: event['detail-type'],
      source: event.source,
      replayName: event['replay-name'],
    });
  }

  async recordConsumption(event: BusEvent, subscription: string, outcome: ConsumptionOutcome): Promise<void> {
    const { metadata } = event.detail;
    await this.putOnce(metadata.correlationId, `consumed#${subscription}#${metadata.eventId}`, {
      kind: 'EVENT_CONSUMED',
      at: new Date(this.now()).toISOString(),
      eventId: metadata.eventId,
      type: event['detail-type'],
      subscription,
      outcome,
    });
  }

  async list(correlationId: string): Promise<FlowItem[]> {
    const items: FlowItem[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': TableDesign.flowPartitionKey },
          ExpressionAttributeValues: { ':pk': correlationId },
          ExclusiveStartKey: startKey,
          Limit: MAX_FLOW_ITEMS - items.length,
        }),
      );
      items.push(...((page.Items ?? []) as FlowItem[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey && items.length < MAX_FLOW_ITEMS);
    return items.map(({ kind, ...rest }) => {
      const { correlationId: _pk, sk: _sk, expiresAt: _ttl, ...fields } = rest as Record<string, unknown>;
      return { kind, ...fields } as FlowItem;
    });
  }

  private async putOnce(correlationId: string, sortKey: string, item: FlowItem): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...item,
            [TableDesign.flowPartitionKey]: correlationId,
            [TableDesign.flowSortKey]: sortKey,
            [TableDesign.flowExpiryAttribute]:
              Math.floor(this.now() / 1000) + FLOW_RETENTION_DAYS * 24 * 3600,
          },
          ConditionExpression: 'attribute_not_exists(#sk)',
          ExpressionAttributeNames: { '#sk': TableDesign.flowSortKey },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
