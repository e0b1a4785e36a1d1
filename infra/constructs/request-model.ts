import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { z } from 'zod';

/**
 * An API Gateway request model schema generated from a zod schema, so the gateway rejects
 * malformed bodies before any function runs and can never drift from the handler's contract.
 * API Gateway validates with JSON Schema draft 4.
 */
export const requestModelSchema = (schema: z.core.$ZodType): apigateway.JsonSchema => {
  const { $schema: _version, ...jsonSchema } = z.toJSONSchema(schema, {
    target: 'draft-4',
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  // CDK's JsonSchema uses the JSON Schema keyword names, except `$schema`, which it calls `schema`.
  return { schema: 'http://json-schema.org/draft-04/schema#', ...jsonSchema } as apigateway.JsonSchema;
};
