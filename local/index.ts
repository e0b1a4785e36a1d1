export { CloudWatchService, type CloudWatchServiceOptions } from './cloudwatch';
export { DynaliteService, type DynaliteServiceOptions } from './dynamodb/dynalite-service';
export { type AwsEndpoint, type AwsEndpointOptions, startAwsEndpoint } from './endpoint/aws-endpoint';
export type { AwsRequest, AwsResponse, AwsService } from './endpoint/aws-service';
export type { RuleStats } from './eventbridge';
export {
  LOCAL_CREDENTIALS,
  type RunningServices,
  type ServiceContext,
  type ServiceFactory,
  type StartServicesOptions,
  startServices,
} from './services';
export * from './sqs';
