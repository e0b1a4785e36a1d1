import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { tracer } from './observability';

/** Created once per container; the endpoint comes from `AWS_ENDPOINT_URL*` like every client. */
export const eventBridgeClient = tracer.captureAWSv3Client(new EventBridgeClient({}));
