import type { AwsService } from './endpoint/aws-service';
import type { LambdaInvoker } from './eventbridge/ports';
import type { SqsModel } from './sqs/sqs-model';

/*
 * The contract between startServices() and the service factories, in a module of its own: the
 * factories (e.g. eventbridge/eventbridge-service-factory.ts) import it without importing the
 * module that imports them.
 */

/** What a service factory gets: where to keep state, and the models other services expose. */
export interface ServiceContext {
  readonly dataDir: string;
  readonly region: string;
  readonly endpointUrl: string;
  /** For services that deliver to queues in process, e.g. EventBridge SQS targets. */
  readonly sqs: SqsModel;
  /** For services that invoke functions asynchronously, e.g. EventBridge Lambda targets. */
  readonly lambdaInvoker?: LambdaInvoker;
}

export type ServiceFactory = (context: ServiceContext) => AwsService | Promise<AwsService>;
