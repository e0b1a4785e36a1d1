import { z } from 'zod';
import {
  CORRELATION_ID_PATTERN,
  IDEMPOTENCY_KEY_PATTERN,
} from '../../functions/api-contract/identifier-patterns';
import { API_ROUTES, type ApiRoute } from '../../functions/api-contract/routes';

/** The OpenAPI version written: 3.1 uses JSON Schema 2020-12, which zod emits. */
export const OPENAPI_VERSION = '3.1.0';

const CORRELATION_ID = {
  name: 'X-Correlation-Id',
  description:
    'Ties every log line, status record and event of this request together; generated when absent and ' +
    'echoed on every answer.',
  schema: { type: 'string', pattern: CORRELATION_ID_PATTERN.source },
};
const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  description:
    'The same key (per caller, for 24 hours) with the same body answers the first task and queues nothing new; ' +
    'with another body it is 409.',
  schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source },
};

/** A zod schema as an OpenAPI 3.1 schema object (JSON Schema 2020-12 without `$schema`). */
const schemaObject = (schema: z.core.$ZodType, io: 'input' | 'output'): Record<string, unknown> => {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return json;
};

const pathParameters = (path: string) =>
  [...path.matchAll(/\{(\w+)\}/g)].map((match) => ({
    name: match[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));

function operation(route: ApiRoute, schemas: Record<string, unknown>): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  for (const [status, answer] of Object.entries(route.responses)) {
    schemas[answer.schemaName] ??= schemaObject(answer.schema, 'output');
    responses[status] = {
      description: answer.description,
      headers: {
        'X-Correlation-Id': { description: 'The request’s correlation id.', schema: { type: 'string' } },
        ...(answer.location && {
          Location: { description: 'The status resource of what was accepted.', schema: { type: 'string' } },
        }),
      },
      content: { 'application/json': { schema: { $ref: `#/components/schemas/${answer.schemaName}` } } },
    };
  }
  if (route.requestBody !== undefined) {
    schemas[`${route.requestBody.name}Request`] = schemaObject(route.requestBody.schema, 'input');
  }
  return {
    operationId: route.operationId,
    summary: route.summary,
    security: route.authorization === 'AWS_IAM' ? [{ sigv4: [] }] : [],
    parameters: [
      ...pathParameters(route.path),
      { ...CORRELATION_ID, in: 'header', required: false },
      ...(route.idempotencyKey ? [{ ...IDEMPOTENCY_KEY, in: 'header', required: false }] : []),
    ],
    ...(route.requestBody !== undefined && {
      requestBody: {
        required: true,
        content: {
          'application/json': { schema: { $ref: `#/components/schemas/${route.requestBody.name}Request` } },
        },
      },
    }),
    responses,
  };
}

/**
 * The ingest API as an OpenAPI 3.1 document, generated from the API contract
 * (`functions/api-contract`): the same routes, request schemas (the API Gateway models come from
 * them too) and response schemas the handlers are typed from.
 */
export function openApiDocument(version: string): Record<string, unknown> {
  const schemas: Record<string, unknown> = {};
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of API_ROUTES) {
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method.toLowerCase()] = operation(route, schemas);
  }
  return {
    openapi: OPENAPI_VERSION,
    info: {
      title: 'Switchyard ingest API',
      version,
      description:
        'Tasks run asynchronously (202 Accepted, then poll the status resource) and events go to the bus. ' +
        'Every route but the liveness check takes requests signed with SigV4 for the service execute-api.',
    },
    servers: [
      {
        url: 'https://{apiId}.execute-api.{region}.amazonaws.com/{stage}',
        description: 'The `ApiUrl` output of the deployed stack.',
        variables: {
          apiId: { default: 'abc123' },
          region: { default: 'eu-west-1' },
          stage: { default: 'prod' },
        },
      },
      { url: 'http://127.0.0.1:3000/prod', description: 'The local cloud (`npm start`).' },
    ],
    paths,
    components: {
      securitySchemes: {
        sigv4: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          description: 'AWS Signature Version 4 for the service execute-api.',
          'x-amazon-apigateway-authtype': 'awsSigv4',
        },
      },
      schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
    },
  };
}
