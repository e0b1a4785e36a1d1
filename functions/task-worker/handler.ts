import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { documentClient } from '../shared/aws-clients';
import { EnvNames, integerEnv, requireEnv } from '../shared/env';
import { eventBridgeClient } from '../shared/event-clients';
import { EventPublisher } from '../shared/event-publisher';
import { observabilityMiddlewares } from '../shared/observability-middlewares';
import { TaskMessageAttributes } from '../shared/task-message';
import { TaskStore } from '../shared/task-store';
import { taskTypeSettingsFromEnv } from '../shared/task-type-settings';
import { processTaskMessage, type TaskWorkerDependencies } from './process-task-message';
import { TaskOutcomePublisher } from './task-outcome-publisher';

const DEFAULT_MAX_RECEIVE_COUNT = 5;
const processor = new BatchProcessor(EventType.SQS);
const store = new TaskStore(documentClient, requireEnv(EnvNames.taskTableName));
const dependencies: Omit<TaskWorkerDependencies, 'leaseMs'> = {
  store,
  outcomes: new TaskOutcomePublisher(
    new EventPublisher(eventBridgeClient, requireEnv(EnvNames.eventBusName)),
    store,
  ),
  settings: taskTypeSettingsFromEnv(),
  maxReceiveCount: integerEnv(EnvNames.taskMaxReceiveCount, DEFAULT_MAX_RECEIVE_COUNT),
  now: Date.now,
};

const processBatch = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  const deps = { ...dependencies, leaseMs: () => context.getRemainingTimeInMillis() };
  return await processPartialResponse(
    event,
    (record: SQSRecord) =>
      processTaskMessage(
        {
          messageId: record.messageId,
          body: record.body,
          taskIdAttribute: record.messageAttributes[TaskMessageAttributes.taskId]?.stringValue,
          receiveCount: Number(record.attributes.ApproximateReceiveCount),
        },
        deps,
      ),
    processor,
    { context, throwOnFullBatchFailure: false },
  );
};

export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(observabilityMiddlewares())
  .handler(processBatch);
