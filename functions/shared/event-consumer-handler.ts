import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { documentClient, dynamoDbClient } from './aws-clients';
import { EnvNames, requireEnv } from './env';
import { consumeEvent, type EventHandler, type OnceRunner } from './event-consumer';
import { FlowStore } from './flow-store';
import { observabilityMiddlewares } from './observability-middlewares';

/** How long a consumer remembers an event id: longer than any redelivery or replay window in use. */
const REMEMBER_EVENTS_FOR_SECONDS = 7 * 24 * 3600;

export interface EventConsumerOptions {
  /** Record this subscription's consumption in the flow timeline. @default true */
  readonly recordConsumption?: boolean;
  /**
   * The handler is idempotent by itself: applying an event twice changes nothing (a conditional
   * write keyed by the event id, say). The consumer then keeps no idempotency record, two
   * table writes per event fewer, and its subscription needs no idempotency table.
   * @default false
   */
  readonly handlerIsIdempotent?: boolean;
}

/**
 * The Lambda handler of an event subscription: a buffered SQS batch, each record consumed with
 * `consumeEvent`, partial batch failures reported, and, unless the handler is idempotent by
 * itself, Powertools idempotency (keyed by subscription and event id) so a redelivered or
 * replayed event is not applied twice.
 */
export const eventConsumerHandler = (handle: EventHandler, options: EventConsumerOptions = {}) => {
  const subscription = requireEnv(EnvNames.subscriptionName);
  const flows = new FlowStore(documentClient, requireEnv(EnvNames.flowTableName));
  const idempotency = options.handlerIsIdempotent
    ? undefined
    : new IdempotencyConfig({ eventKeyJmesPath: 'key', expiresAfterSeconds: REMEMBER_EVENTS_FOR_SECONDS });
  const once = idempotency ? idempotencyTableOnce(idempotency) : runEveryTime;
  const processor = new BatchProcessor(EventType.SQS);

  const processBatch = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    idempotency?.registerLambdaContext(context);
    return await processPartialResponse(
      event,
      (record: SQSRecord) =>
        consumeEvent(record.body, handle, {
          subscription,
          flows,
          once,
          recordConsumption: options.recordConsumption,
        }),
      processor,
      { context, throwOnFullBatchFailure: false },
    );
  };

  return middy<SQSEvent, SQSBatchResponse>().use(observabilityMiddlewares()).handler(processBatch);
};

const runEveryTime: OnceRunner = async (_key, run) => {
  await run();
};

/** Runs each key once, remembered in the idempotency table (the subscription must grant it). */
const idempotencyTableOnce = (config: IdempotencyConfig): OnceRunner => {
  const runOnce = makeIdempotent(
    async (input: { key: string; run: () => Promise<void> }) => {
      await input.run();
      return { done: true };
    },
    {
      persistenceStore: new DynamoDBPersistenceLayer({
        tableName: requireEnv(EnvNames.idempotencyTableName),
        awsSdkV3Client: dynamoDbClient,
      }),
      config,
    },
  );
  return async (key, run) => {
    await runOnce({ key, run });
  };
};
