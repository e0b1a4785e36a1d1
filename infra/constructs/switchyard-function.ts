import * as path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ESBUILD_TARGET, LAMBDA_RUNTIME } from '../lambda-runtime';

const FUNCTIONS_DIR = path.join(__dirname, '..', '..', 'functions');

// Named explicitly: Runtime.NODEJS_LATEST moves whenever aws-cdk-lib is upgraded.
const RUNTIME = lambda.Runtime.NODEJS_24_X;
if (RUNTIME.name !== LAMBDA_RUNTIME) {
  throw new Error(
    `SwitchyardFunction pins ${RUNTIME.name} but LAMBDA_RUNTIME is ${LAMBDA_RUNTIME}: change infra/lambda-runtime.ts and the Runtime together`,
  );
}

export interface SwitchyardFunctionProps {
  /** Folder under `functions/` holding the function's `handler.ts`. */
  readonly entryFolder: string;
  /** What the function does, shown in the console. */
  readonly description: string;
  /** Variables the function reads; Powertools settings are added. */
  readonly environment?: Record<string, string>;
  /** @default Duration.seconds(10) */
  readonly timeout?: Duration;
  /** @default 256 */
  readonly memorySize?: number;
  /** Powertools service name, used in logs and metrics. */
  readonly serviceName: string;
  /** CloudWatch metrics namespace for business metrics. */
  readonly metricsNamespace: string;
  /** @default logs.RetentionDays.ONE_MONTH */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * Which entry of a package esbuild takes: the ES module build first. The AWS SDK, Powertools and
 * zod ship both; only the ES modules can be tree-shaken, which takes about 200 KB off each
 * function that calls AWS (get-task: 587 to 388 KB).
 */
export const BUNDLE_MAIN_FIELDS = ['module', 'main'];

/**
 * Modules the functions' bundles take in place of others. The SDK's default credential chain
 * becomes the environment provider alone, which is the link Lambda uses
 * (`functions/shared/lambda-credential-provider.ts` says why).
 */
export const CREDENTIAL_PROVIDER_ALIAS = {
  from: '@aws-sdk/credential-provider-node',
  to: './functions/shared/lambda-credential-provider.ts',
} as const;
const BUNDLE_ALIASES = { [`--alias:${CREDENTIAL_PROVIDER_ALIAS.from}`]: CREDENTIAL_PROVIDER_ALIAS.to };

/**
 * Put first in every bundle: maps stack traces to the TypeScript when one is formatted, instead of
 * Node.js's `--enable-source-maps`, which reads the map at every cold start
 * (`functions/shared/lazy-source-maps.ts` says what each costs).
 */
export const SOURCE_MAP_HOOK = path.join(FUNCTIONS_DIR, 'shared', 'lazy-source-maps.ts');

/** The template metadata key naming a function's entry file, relative to the project root. */
export const ENTRY_METADATA_KEY = 'switchyard:entry';

/**
 * A Node.js Lambda function with the stack's defaults: the pinned `LAMBDA_RUNTIME`, arm64,
 * X-Ray active tracing, its own log group with retention, JSON logs, and bundling for that Node.js by
 * the local esbuild package (never Docker) with source maps, read when a stack trace is
 * formatted, so traces point at the TypeScript.
 */
export class SwitchyardFunction extends nodejs.NodejsFunction {
  constructor(scope: Construct, id: string, props: SwitchyardFunctionProps) {
    const logGroup = new logs.LogGroup(scope, `${id}LogGroup`, {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    super(scope, id, {
      entry: path.join(FUNCTIONS_DIR, props.entryFolder, 'handler.ts'),
      handler: 'handler',
      description: props.description,
      runtime: RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      timeout: props.timeout ?? Duration.seconds(10),
      memorySize: props.memorySize ?? 256,
      tracing: lambda.Tracing.ACTIVE,
      loggingFormat: lambda.LoggingFormat.JSON,
      logGroup,
      environment: {
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_METRICS_NAMESPACE: props.metricsNamespace,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        ...props.environment,
      },
      bundling: {
        minify: true,
        sourceMap: true,
        // Stack traces need the mappings, not the sources: a third of the map's size to read.
        sourcesContent: false,
        inject: [SOURCE_MAP_HOOK],
        mainFields: BUNDLE_MAIN_FIELDS,
        esbuildArgs: BUNDLE_ALIASES,
        target: ESBUILD_TARGET,
        forceDockerBundling: false,
        // The AWS SDK is bundled, not taken from the runtime, so the version tested is the one deployed.
        externalModules: [],
      },
    });
    // Which source each function is built from, for tools that measure the bundles (npm run bench).
    (this.node.defaultChild as lambda.CfnFunction).addMetadata(
      ENTRY_METADATA_KEY,
      path.posix.join('functions', props.entryFolder, 'handler.ts'),
    );
  }
}
