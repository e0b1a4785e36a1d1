import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DEFAULT_DATA_DIR, endpointsFilePath, type LocalEndpoints } from '../../common/local-endpoints-file';
import {
  checkApiTemplate,
  IntegrationBusyError,
  type RunningApiGateway,
  startApiGateway as startLocalApiGateway,
} from '../apigateway';
import { type LambdaInvoker, type RuleStats, TargetUnreachableError } from '../eventbridge';
import {
  type AsyncLambdaInvoker,
  consoleLogSink,
  FunctionQueueFullError,
  type FunctionStats,
  LambdaRuntime,
  type LogSink,
  lambdaTargetInvoker,
  RuntimeStoppingError,
  SqsEventSourcePoller,
} from '../lambda';
import { resetDataDir } from '../platform/data-dir';
import { writePrivateJson } from '../platform/private-files';
import { projectRoot as switchyardRoot } from '../platform/project-root';
import type { CfnTemplate } from '../platform/template/template-types';
import { LOCAL_CREDENTIALS, type RunningServices, startServices } from '../services';
import { type CloudAssembly, loadCloudAssembly } from './cloud-assembly';
import { UnsupportedTemplateError } from './errors';
import { eventSourceMappings } from './event-source-mappings';
import { type FunctionOverrides, functionDefinitions } from './function-definitions';
import { LogFanOut } from './log-fan-out';
import { captureMainHeapCollector, releaseMainHeap } from './main-heap-release';
import { provisionEvents } from './provision-events';
import { provisionQueues, type QueueOverrides } from './provision-queues';
import { provisionTables } from './provision-tables';
import { stackOutputs } from './stack-outputs';
import { StackResources } from './stack-resources';
import { templateProblems } from './template-problems';

/** Time for the emulator to write the answers of the last requests before its connections close. */
const API_FLUSH_MS = 100;

/** Hosts the webhook task type may call locally: the loopback receivers of local development. */
export const DEFAULT_WEBHOOK_ALLOWED_HOSTS = ['localhost', '127.0.0.1'] as const;

/** How to start the local cloud. */
export interface LocalCloudOptions {
  /** API Gateway port on 127.0.0.1; 0 picks a free one. @default 3000 */
  readonly apiPort?: number;
  /** AWS endpoint port on 127.0.0.1; 0 picks a free one. @default 4566 */
  readonly awsPort?: number;
  /** State folder; what it holds survives restarts and crashes. @default '.switchyard' */
  readonly dataDir?: string;
  /** Delete the state before starting. @default false */
  readonly reset?: boolean;
  /** Folder of the CDK app (infra/, functions/, cdk.json) to run. @default the repository root */
  readonly projectRoot?: string;
  /** Cloud assembly folder; synthesized only when the sources changed. @default '<projectRoot>/cdk.out' */
  readonly outdir?: string;
  /** Passed to the app as context `switchyard:webhookAllowedHosts`. @default ['localhost', '127.0.0.1'] */
  readonly webhookAllowedHosts?: readonly string[];
  /** More CDK context for the synth (`npm start --context`); it wins over the runner's own. @default {} */
  readonly context?: Readonly<Record<string, string>>;
  /** @default 'us-east-1' */
  readonly region?: string;
  /**
   * Environments (worker threads) one function may have at once, a local-only cap on reserved
   * concurrency that bounds memory. @default DEFAULT_MAX_ENVIRONMENTS (1)
   */
  readonly maxEnvironments?: number;
  /** Verify SigV4 on the AWS endpoint (`--enforce-sigv4`). @default false */
  readonly enforceSigV4?: boolean;
  /**
   * Local-only changes to the template's settings, for tests that must not wait minutes for a
   * visibility timeout. Never part of what deploys; the banner lists them when set.
   * @default - the template's values
   */
  readonly localOverrides?: QueueOverrides & FunctionOverrides;
  /** Where function logs go. @default the console, prefixed by function name */
  readonly functionLogs?: LogSink;
  /** The API Gateway emulator to put in front. @default `startApiGateway` of local/apigateway */
  readonly apiGateway?: typeof startLocalApiGateway;
  /** Runner messages (progress, notes, failed batches). @default console.log */
  readonly log?: (line: string) => void;
  /**
   * Started once every service runs and before the cloud reports ready, so its URL is in
   * endpoints.json from the first moment (`npm start` passes the web console here).
   * @default - none
   */
  readonly console?: AddOnStarter;
}

/** What an add-on started with the cloud (the web console) reads of it. */
export interface LocalCloudFeeds {
  readonly endpoints: LocalEndpoints;
  readonly dataDir: string;
  functionNames(): string[];
  /** Counters per function name. */
  functionStats(): Record<string, FunctionStats>;
  /** Counters of the template's rules (not of rules made later, such as a replay's temporary ones). */
  ruleStats(): RuleStats[];
  /** Adds a sink for every function log line, whatever `functionLogs` shows; the result removes it. */
  subscribeLogs(sink: LogSink): () => void;
}

/** Starts an add-on beside the cloud; it is stopped first when the cloud stops. */
export type AddOnStarter = (
  feeds: LocalCloudFeeds,
) => Promise<{ readonly url: string; stop(): Promise<void> }>;

/** A running local cloud. */
export interface LocalCloud {
  /** Stage URL without a trailing slash, e.g. `http://127.0.0.1:3000/prod`. */
  readonly apiUrl: string;
  /** Base URL for `AWS_ENDPOINT_URL`. */
  readonly awsEndpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly dataDir: string;
  readonly stackName: string;
  /**
   * The stack's outputs resolved to local values (queue URLs, table names...). Outputs built
   * from the REST API's id keep their AWS form; use `apiUrl` for the local API.
   */
  readonly outputs: Readonly<Record<string, string>>;
  /** The local Lambda service, e.g. to invoke a function directly. */
  readonly lambda: LambdaRuntime;
  /** Milliseconds the start took, and whether it synthesized. */
  readonly startup: { readonly ms: number; readonly synthesized: boolean };
  /** The web console's URL with its access token, when one was started. */
  readonly consoleUrl?: string;
  /** Counters per function. */
  stats(): Record<string, FunctionStats>;
  /** Per EventBridge rule: events matched and deliveries to its targets failed for good since start. */
  ruleStats(): RuleStats[];
  /** Stops accepting requests, lets invocations in flight finish, then stops every service. */
  stop(): Promise<void>;
}

/**
 * Starts the synthesized stack on this machine: the AWS endpoint (SQS, DynamoDB, EventBridge, a CloudWatch slice)
 * with the template's queues, tables, buses, rules and archives, every function in the local
 * Lambda runtime, the event source mappings' pollers, EventBridge's Lambda targets, and the API
 * Gateway emulator in front. Everything binds to 127.0.0.1.
 */
export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const started = performance.now();
  // Before any worker thread exists: see captureMainHeapCollector.
  captureMainHeapCollector();
  const log = options.log ?? ((line: string) => console.log(line));
  const region = options.region ?? 'us-east-1';
  const dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  if (options.reset) resetDataDir(dataDir);
  const assembly = await loadCheckedAssembly(options, region, log);

  const cleanups: Array<() => Promise<void>> = [];
  const cleanUp = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  };
  try {
    // EventBridge starts with the endpoint, the Lambda runtime only once the endpoint's URL is
    // known: Lambda targets go through this delegate, connected below.
    let lambdaTargets: LambdaInvoker | undefined;
    const services: RunningServices = await startServices({
      port: options.awsPort ?? 4566,
      dataDir,
      region,
      mode: 'stack',
      enforceSigV4: options.enforceSigV4 ?? false,
      lambdaInvoker: {
        invokeAsync: (functionArn, payload) =>
          lambdaTargets === undefined
            ? Promise.reject(new TargetUnreachableError('The local Lambda runtime is not started yet'))
            : lambdaTargets.invokeAsync(functionArn, payload),
      },
    });
    cleanups.push(() => services.stop());

    const stack = new StackResources(
      assembly.template,
      { stackName: assembly.stackName, region, endpointUrl: services.url },
      'strict',
    );
    const outputs = stackOutputs(assembly.template, stack);
    await provisionResources(services, stack, region, options, log);
    const logs = new LogFanOut(options.functionLogs ?? consoleLogSink());
    const functions = startFunctions(
      services,
      stack,
      assembly,
      region,
      { ...options, functionLogs: logs.sink },
      log,
    );
    cleanups.push(...functions.cleanups);
    lambdaTargets = functions.asyncInvoker;
    const api = await startApi(assembly.template, stack, functions.runtime, region, options);
    cleanups.push(() => api.gateway.stop());

    // The operator CLI finds the local stack's queues and tables here, as it finds the deployed
    // stack's in its CloudFormation outputs.
    const endpoints: LocalEndpoints = {
      apiUrl: api.gateway.url,
      awsEndpoint: services.url,
      region,
      ...LOCAL_CREDENTIALS,
      stackName: assembly.stackName,
      outputs,
    };
    const addOn = await options.console?.({
      endpoints,
      dataDir,
      functionNames: () => functions.runtime.list().map((definition) => definition.name),
      functionStats: () => functions.runtime.stats(),
      ruleStats: templateRuleStats(stack, services),
      subscribeLogs: (sink) => logs.add(sink),
    });
    if (addOn !== undefined) cleanups.push(() => addOn.stop());
    writePrivateJson(endpointsFilePath(dataDir), {
      ...endpoints,
      ...(addOn !== undefined && { consoleUrl: addOn.url }),
    });
    services.markReady();

    let stopping: Promise<void> | undefined;
    const stop = async () => {
      // Scripts waiting on the health check learn at once that this cloud is going away.
      services.markStopping();
      // Its live streams would otherwise hold their connections open until the end.
      await addOn?.stop();
      // Requests being served get their answers; the emulator's stop closes every connection.
      await api.drain();
      // In order: no new batches, then the batches and events in flight run to their end.
      await Promise.all(functions.pollers.map((poller) => poller.stop()));
      await functions.asyncInvoker.drain();
      await functions.runtime.drain();
      await services.stop();
    };
    return {
      apiUrl: api.gateway.url,
      awsEndpoint: services.url,
      region,
      credentials: { ...LOCAL_CREDENTIALS },
      dataDir,
      stackName: assembly.stackName,
      outputs,
      lambda: functions.runtime,
      ...(addOn !== undefined && { consoleUrl: addOn.url }),
      startup: { ms: performance.now() - started, synthesized: assembly.synthesized },
      stats: () => functions.runtime.stats(),
      ruleStats: templateRuleStats(stack, services),
      stop: () => {
        stopping ??= stop();
        return stopping;
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/**
 * The cloud assembly (synthesized when the sources changed), read and checked whole before any
 * port is bound or any state is touched, so an unsupported resource fails the start cleanly.
 */
async function loadCheckedAssembly(
  options: LocalCloudOptions,
  region: string,
  log: (line: string) => void,
): Promise<CloudAssembly> {
  const projectRoot = resolve(options.projectRoot ?? switchyardRoot());
  const assembly = await loadCloudAssembly({
    projectRoot,
    outdir: options.outdir ?? join(projectRoot, 'cdk.out'),
    context: {
      'switchyard:webhookAllowedHosts': (options.webhookAllowedHosts ?? DEFAULT_WEBHOOK_ALLOWED_HOSTS).join(
        ',',
      ),
      ...options.context,
    },
    log,
  });
  // Queue URLs only need the real endpoint later.
  const identity = { stackName: assembly.stackName, region, endpointUrl: 'http://127.0.0.1' };
  const problems = templateProblems(assembly.template, identity);
  if (problems.length > 0) throw UnsupportedTemplateError.listing(problems);
  const preview = new StackResources(assembly.template, identity, 'strict');
  functionDefinitions(preview, assembly, options.localOverrides);
  eventSourceMappings(preview);
  for (const role of ['queue', 'table', 'event-bus', 'rule', 'archive'] as const) preview.list(role);
  checkApiTemplate(assembly.template, region, preview);
  return assembly;
}

/** Creates the template's queues, tables, buses, rules and archives on the local endpoint. */
async function provisionResources(
  services: RunningServices,
  stack: StackResources,
  region: string,
  options: LocalCloudOptions,
  log: (line: string) => void,
): Promise<void> {
  // A copy: the SDK records where credentials came from on the object it is given ($source),
  // which would otherwise leak into every later use of the shared constant.
  const clientConfig = {
    endpoint: services.url,
    region,
    credentials: { ...LOCAL_CREDENTIALS },
    maxAttempts: 1,
  };
  const sqsClient = new SQSClient(clientConfig);
  const dynamoClient = new DynamoDBClient(clientConfig);
  const eventsClient = new EventBridgeClient(clientConfig);
  try {
    await provisionQueues(sqsClient, stack, options.localOverrides);
    await provisionTables(dynamoClient, stack, (line) => log(`note: ${line}`));
    await provisionEvents(eventsClient, stack);
  } finally {
    sqsClient.destroy();
    dynamoClient.destroy();
    eventsClient.destroy();
  }
}

/** The local Lambda runtime with every function, EventBridge's Lambda targets and the event source pollers. */
function startFunctions(
  services: RunningServices,
  stack: StackResources,
  assembly: CloudAssembly,
  region: string,
  options: LocalCloudOptions,
  log: (line: string) => void,
): {
  runtime: LambdaRuntime;
  asyncInvoker: AsyncLambdaInvoker;
  pollers: SqsEventSourcePoller[];
  cleanups: Array<() => Promise<void>>;
} {
  const runtime = new LambdaRuntime({
    endpointUrl: services.url,
    ...(services.dynamoDbUrl !== undefined && { dynamoDbUrl: services.dynamoDbUrl }),
    region,
    credentials: LOCAL_CREDENTIALS,
    ...(options.maxEnvironments !== undefined && { maxEnvironments: options.maxEnvironments }),
    logSink: options.functionLogs ?? consoleLogSink(),
    onQuiet: releaseMainHeap,
  });
  for (const definition of functionDefinitions(stack, assembly, options.localOverrides)) {
    runtime.register(definition);
  }
  const cleanups: Array<() => Promise<void>> = [() => runtime.stop()];
  const mappings = eventSourceMappings(stack);
  const unknown = mappings.find((mapping) => runtime.find(mapping.functionReference) === undefined);
  if (unknown !== undefined) {
    // No environment has started yet; stopping releases the runtime's timers.
    void runtime.stop();
    throw new Error(`${unknown.id}: function ${unknown.functionReference} is not in the template`);
  }
  const asyncInvoker = lambdaTargetInvoker(runtime, { log });
  const pollers = mappings.map(
    (mapping) =>
      // More batches in flight than the function has environments would only wait, invisible.
      new SqsEventSourcePoller(
        {
          ...mapping,
          maximumConcurrency: Math.min(
            mapping.maximumConcurrency,
            runtime.capacity(mapping.functionReference),
          ),
        },
        {
          sqs: services.sqs,
          region,
          invoke: (reference, event) => runtime.invoke(reference, event),
          log,
        },
      ),
  );
  for (const poller of pollers) poller.start();
  cleanups.push(async () => {
    await Promise.all(pollers.map((poller) => poller.stop()));
  });
  return { runtime, asyncInvoker, pollers, cleanups };
}

/**
 * The API Gateway emulator in front of the runtime, and how to drain it: refuse new requests,
 * let those being served get their answers, then close.
 */
async function startApi(
  template: CfnTemplate,
  stack: StackResources,
  runtime: LambdaRuntime,
  region: string,
  options: LocalCloudOptions,
): Promise<{ gateway: RunningApiGateway; drain(): Promise<void> }> {
  const startApiGateway = options.apiGateway ?? startLocalApiGateway;
  const requests = new Set<Promise<unknown>>();
  let draining = false;
  const gateway = await startApiGateway({
    template,
    scope: stack,
    invoke: (functionLogicalId, event, timeoutMs) => {
      if (draining) return Promise.reject(new RuntimeStoppingError(functionLogicalId));
      const invocation = runtime.invoke(functionLogicalId, event, { timeoutMs }).catch((error: unknown) => {
        throw error instanceof FunctionQueueFullError ? new IntegrationBusyError(error.message) : error;
      });
      requests.add(invocation);
      const forget = () => requests.delete(invocation);
      invocation.then(forget, forget);
      return invocation;
    },
    port: options.apiPort ?? 3000,
    region,
    credentials: LOCAL_CREDENTIALS,
  });
  return {
    gateway,
    drain: async () => {
      draining = true;
      await Promise.allSettled([...requests]);
      await new Promise((resolve) => setTimeout(resolve, API_FLUSH_MS));
      await gateway.stop();
    },
  };
}

/** The counters of the template's rules, in template order; rules created later are left out. */
function templateRuleStats(stack: StackResources, services: RunningServices): () => RuleStats[] {
  const keys = stack
    .list('rule')
    .map((rule) => `${stack.ruleBusName(rule.logicalId)}/${stack.physicalName(rule.logicalId)}`);
  return () => {
    const byKey = new Map(
      services.ruleStats().map((stats) => [`${stats.eventBusName}/${stats.name}`, stats]),
    );
    return keys.flatMap((key) => byKey.get(key) ?? []);
  };
}
