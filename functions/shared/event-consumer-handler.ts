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

/**
 * The Lambda handler of an event subscription: a buffered SQS batch, each record consumed with
 * `consumeEvent`, partial batch failures reported, and Powertools idempotency (keyed by
 * subscription and event id) so a redelivered or replayed event is not applied twice.
 */
export const eventConsumerHandler = (handle: EventHandler, options: { recordConsumption?: boolean } = {}) => {
  const subscription = requireEnv(EnvNames.subscriptionName);
  const flows = new FlowStore(documentClient, requireEnv(EnvNames.flowTableName));
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'key',
    expiresAfterSeconds: REMEMBER_EVENTS_FOR_SECONDS,
  });
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
  const once: OnceRunner = async (key, run) => {
    await runOnce({ key, run });
  };
  const processor = new BatchProcessor(EventType.SQS);

  const processBatch = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    config.registerLambdaContext(context);
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
