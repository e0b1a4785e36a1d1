import type { LambdaFunctionDefinition } from '../lambda';
import type { CloudAssembly } from './cloud-assembly';
import { PropertyReader } from './property-reader';
import type { StackResources } from './stack-resources';

/** Local-only changes to the template's functions; never part of what deploys. */
export interface FunctionOverrides {
  /** Replaces every function's Timeout (seconds), e.g. to test crash recovery quickly. */
  readonly timeoutSeconds?: number;
}

/** Lambda's defaults when the template leaves them out. */
const DEFAULT_TIMEOUT_SECONDS = 3;
const DEFAULT_MEMORY_MB = 128;

/**
 * The template's functions as the local runtime runs them: code from the bundled asset,
 * environment variables with intrinsics resolved to local names and URLs, timeout, memory and
 * reserved concurrency. Only Node.js functions from a zip asset can run locally.
 */
export function functionDefinitions(
  stack: StackResources,
  assembly: Pick<CloudAssembly, 'assetDir'>,
  overrides: FunctionOverrides = {},
): LambdaFunctionDefinition[] {
  return stack.list('function').map((resource) => {
    const reader = new PropertyReader(resource.logicalId, resource.properties);
    // No local effect: permissions, placement, tracing and log routing are AWS-side concerns.
    reader.ignore(
      'FunctionName',
      'Code',
      'Role',
      'Architectures',
      'Description',
      'TracingConfig',
      'Tags',
      'VpcConfig',
      'KmsKeyArn',
      'DeadLetterConfig',
      'EphemeralStorage',
      'RecursiveLoop',
      'RuntimeManagementConfig',
      'SnapStart',
    );
    const runtime = reader.string('Runtime') ?? '';
    if (!runtime.startsWith('nodejs')) {
      reader.fail(`runtime ${runtime || '(none)'} is not supported locally; only nodejs runtimes run`);
    }
    if (reader.get('Layers') !== undefined) reader.fail('Lambda layers are not supported locally');
    if (reader.string('PackageType') === 'Image')
      reader.fail('container image functions are not supported locally');
    const variables = (reader.get('Environment') as { Variables?: Record<string, unknown> } | undefined)
      ?.Variables;
    const environment: Record<string, string> = {};
    for (const [name, value] of Object.entries(variables ?? {})) {
      if (typeof value === 'object' && value !== null) {
        reader.fail(`environment variable ${name} did not resolve to a string (${JSON.stringify(value)})`);
      }
      environment[name] = String(value);
    }
    const logging = reader.get('LoggingConfig') as { LogGroup?: unknown } | undefined;
    const name = stack.physicalName(resource.logicalId);
    const templateTimeout = reader.number('Timeout');
    const definition: LambdaFunctionDefinition = {
      logicalId: resource.logicalId,
      name,
      arn: stack.arn(resource.logicalId),
      codeDir: assembly.assetDir(resource.logicalId),
      handler: reader.string('Handler') ?? 'index.handler',
      environment,
      timeoutSeconds: overrides.timeoutSeconds ?? templateTimeout ?? DEFAULT_TIMEOUT_SECONDS,
      memorySizeMb: reader.number('MemorySize') ?? DEFAULT_MEMORY_MB,
      reservedConcurrency: reader.number('ReservedConcurrentExecutions'),
      runtime,
      logGroupName: typeof logging?.LogGroup === 'string' ? logging.LogGroup : `/aws/lambda/${name}`,
    };
    reader.assertAllKnown('AWS::Lambda::Function');
    return definition;
  });
}
