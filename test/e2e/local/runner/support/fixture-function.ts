import { join } from 'node:path';
import type { LambdaFunctionDefinition } from '../../../../../local/lambda';

const FIXTURES = join(__dirname, '..', 'fixtures');

/** A function definition for one of the fixture folders, as the runner would build it from a template. */
export function fixtureFunction(
  folder: 'esm' | 'cjs' | 'sqs-consumer' | 'observer',
  overrides: Partial<LambdaFunctionDefinition> = {},
): LambdaFunctionDefinition {
  const name = overrides.name ?? `fixture-${folder}`;
  return {
    logicalId: `Fixture${folder.replace(/[^a-z]/g, '')}`,
    name,
    arn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
    codeDir: join(FIXTURES, folder),
    handler: 'index.handler',
    environment: {},
    timeoutSeconds: 5,
    memorySizeMb: 128,
    logGroupName: `/aws/lambda/${name}`,
    ...overrides,
  };
}
