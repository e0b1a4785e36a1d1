import { EventBridgeClient } from '@aws-sdk/client-eventbridge';

/** Created once per container; the endpoint comes from `AWS_ENDPOINT_URL*` like every client. */
export const eventBridgeClient = new EventBridgeClient({});
