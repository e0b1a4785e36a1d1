import type { ServiceContext } from '../service-context';
import { EventBridgeService } from './eventbridge-service';
import { sqsModelTargetPort } from './sqs-model-target-port';

/**
 * Builds EventBridge for the local AWS endpoint: its state next to the other services', SQS
 * targets delivered in process through the SQS model, Lambda targets through the context's
 * invoker when the caller supplies one (the runner can also attach it later).
 */
export function eventBridgeServiceFactory(context: ServiceContext): Promise<EventBridgeService> {
  return EventBridgeService.start({
    dataDir: context.dataDir,
    region: context.region,
    sqs: sqsModelTargetPort(context.sqs),
    ...(context.lambdaInvoker !== undefined && { lambda: context.lambdaInvoker }),
  });
}
