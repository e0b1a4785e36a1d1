import { publishEventsBodySchema } from '../publish-events/publish-events-body';
import type * as z from '../shared/zod';
import { submitTaskBodySchema } from '../task-types/registry';
import {
  acceptedTaskSchema,
  errorBodySchema,
  flowViewSchema,
  livenessSchema,
  publishResultsSchema,
  taskViewSchema,
} from './response-schemas';

/** One answer a route gives: its body and, for 202, the `Location` of the status resource. */
export interface RouteResponse {
  readonly description: string;
  /** Component name of the body's schema in the OpenAPI document. */
  readonly schemaName: string;
  readonly schema: z.ZodMiniType;
  readonly location?: boolean;
}

/**
 * One route of the ingest API: what the stack deploys (method, path, authorization, request
 * model) and what the OpenAPI document describes (summary, headers, every status it answers).
 */
export interface ApiRoute {
  readonly operationId: 'getLiveness' | 'submitTask' | 'getTask' | 'publishEvents' | 'getFlow';
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly summary: string;
  readonly authorization: 'NONE' | 'AWS_IAM';
  readonly requestBody?: { readonly name: string; readonly schema: z.ZodMiniType };
  /** The route reads an `Idempotency-Key` header. */
  readonly idempotencyKey?: boolean;
  readonly responses: Readonly<Record<number, RouteResponse>>;
}

const error = (description: string): RouteResponse => ({
  description,
  schemaName: 'Error',
  schema: errorBodySchema,
});

/** What API Gateway itself may answer on any route, before or around the function. */
const gatewayAnswers = (signed: boolean): Record<number, RouteResponse> => {
  const answers: Record<number, RouteResponse> = {
    429: error('Over the stage throttle (THROTTLED); retry with backoff.'),
    500: error('The request failed unexpectedly (INTERNAL_ERROR); details are in the function log.'),
    502: error('The function failed or answered badly (API Gateway INTEGRATION_FAILURE).'),
    504: error('The function did not answer within 29 s (INTEGRATION_TIMEOUT).'),
  };
  if (signed) {
    answers[403] = error(
      'Unsigned or wrongly signed request (MISSING_AUTHENTICATION_TOKEN, INVALID_SIGNATURE, ...).',
    );
  }
  return answers;
};

const bodyAnswers = (): Record<number, RouteResponse> => ({
  400: error('Malformed JSON or a body that breaks the contract (MALFORMED_JSON, VALIDATION_FAILED).'),
  413: error('Body over 983,040 bytes (PAYLOAD_TOO_LARGE).'),
  415: error('Content-Type is not application/json (UNSUPPORTED_MEDIA_TYPE).'),
});

/** The ingest API, in the order the stack adds its routes. */
export const API_ROUTES: readonly ApiRoute[] = [
  {
    operationId: 'getLiveness',
    method: 'GET',
    path: '/api/data',
    summary: 'Liveness: a constant answer that proves the route and the function',
    authorization: 'NONE',
    responses: {
      200: { description: 'Alive.', schemaName: 'Liveness', schema: livenessSchema },
      400: error('A malformed X-Correlation-Id header (VALIDATION_FAILED).'),
      ...gatewayAnswers(false),
    },
  },
  {
    operationId: 'submitTask',
    method: 'POST',
    path: '/tasks',
    summary: 'Submit a task to run asynchronously (202 Accepted, then poll its status)',
    authorization: 'AWS_IAM',
    requestBody: { name: 'SubmitTask', schema: submitTaskBodySchema },
    idempotencyKey: true,
    responses: {
      202: {
        description: 'Accepted: recorded and queued. Its status is at Location.',
        schemaName: 'AcceptedTask',
        schema: acceptedTaskSchema,
        location: true,
      },
      ...bodyAnswers(),
      409: error(
        'The Idempotency-Key was used with another body, or its first request still runs (CONFLICT).',
      ),
      503: error('A dependency is down; nothing was kept (SERVICE_UNAVAILABLE).'),
      ...gatewayAnswers(true),
    },
  },
  {
    operationId: 'getTask',
    method: 'GET',
    path: '/tasks/{taskId}',
    summary: 'The status of one task, with its result or error once final',
    authorization: 'AWS_IAM',
    responses: {
      200: { description: 'The task.', schemaName: 'Task', schema: taskViewSchema },
      400: error('The task id is malformed (VALIDATION_FAILED).'),
      404: error('No such task (NOT_FOUND).'),
      503: error('The task store is down (SERVICE_UNAVAILABLE).'),
      ...gatewayAnswers(true),
    },
  },
  {
    operationId: 'publishEvents',
    method: 'POST',
    path: '/events',
    summary: 'Publish 1 to 100 events to the bus, validated all or none',
    authorization: 'AWS_IAM',
    requestBody: { name: 'PublishEvents', schema: publishEventsBodySchema },
    responses: {
      202: {
        description: 'Every event was published.',
        schemaName: 'PublishResults',
        schema: publishResultsSchema,
      },
      207: {
        description: 'Some events were published and some not; each result says which.',
        schemaName: 'PublishResults',
        schema: publishResultsSchema,
      },
      ...bodyAnswers(),
      503: error('No event could be published; retry later (SERVICE_UNAVAILABLE).'),
      ...gatewayAnswers(true),
    },
  },
  {
    operationId: 'getFlow',
    method: 'GET',
    path: '/flows/{correlationId}',
    summary: 'One flow end to end: task state changes, events published and consumed, in time order',
    authorization: 'AWS_IAM',
    responses: {
      200: { description: 'The timeline.', schemaName: 'Flow', schema: flowViewSchema },
      400: error('The correlation id is malformed (VALIDATION_FAILED).'),
      404: error('Nothing carried that correlation id (NOT_FOUND).'),
      503: error('The flow store is down (SERVICE_UNAVAILABLE).'),
      ...gatewayAnswers(true),
    },
  },
];
