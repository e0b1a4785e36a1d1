/**
 * The one local AWS endpoint and the contract its services implement: a service claims requests
 * (`AwsService`), reads their input with `OperationInput` in its own wording, and answers errors
 * as `AwsServiceError`s, in the JSON protocol or query-compatible JSON.
 */
export { type AwsEndpoint, type AwsEndpointOptions, startAwsEndpoint } from './aws-endpoint';
export type { AwsRequest, AwsResponse, AwsService } from './aws-service';
export { type AwsErrorFault, AwsServiceError, type AwsServiceErrorOptions } from './aws-service-error';
export type { EndpointMode, EndpointStatus, HealthReport } from './health';
export {
  type InputDialect,
  type InputRule,
  type InputViolation,
  type ListLength,
  type MemberType,
  type NumberRange,
  OperationInput,
  type StringConstraints,
} from './operation-input';
export { JSON_1_0_CONTENT_TYPE, queryCompatibleJsonError } from './query-compatible-json';
