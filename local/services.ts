import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_DATA_DIR, endpointsFilePath, type LocalEndpoints } from '../common/local-endpoints-file';
import { CloudWatchService } from './cloudwatch';
import { DynaliteService } from './dynamodb/dynalite-service';
import { startAwsEndpoint } from './endpoint/aws-endpoint';
import type { AwsService } from './endpoint/aws-service';
import { EventBridgeService, type LambdaInvoker, type RuleStats } from './eventbridge';
import { eventBridgeServiceFactory } from './eventbridge/eventbridge-service-factory';
import { LOCAL_CREDENTIALS } from './platform/local-account';
import { ensurePrivateDir, writePrivateJson } from './platform/private-files';
import { SigV4Verifier } from './platform/sigv4-verifier';
import type { ServiceContext, ServiceFactory } from './service-context';
import type { SqsModel } from './sqs/sqs-model';
import { SqsService } from './sqs/sqs-service';

export { LOCAL_CREDENTIALS } from './platform/local-account';

export type { ServiceContext, ServiceFactory } from './service-context';

/**
 * Services started after SQS, in the order the endpoint asks them. Add a service with one line;
 * it gets the SQS model through the context. A service of the same name passed in
 * `options.services` replaces the default one (so a caller can keep a handle on it).
 */
const ADDITIONAL_SERVICES: ReadonlyArray<{ readonly name: string; readonly create: ServiceFactory }> = [
  { name: 'eventbridge', create: eventBridgeServiceFactory },
  { name: 'cloudwatch', create: (context) => CloudWatchService.start({ sqs: context.sqs }) },
];

export interface StartServicesOptions {
  /** Endpoint port on 127.0.0.1; 0 picks a free one. @default 4566 */
  readonly port?: number;
  /** @default '.switchyard' in the working directory */
  readonly dataDir?: string;
  /** @default 'us-east-1' */
  readonly region?: string;
  /** Extra services for this run, e.g. in tests. @default [] */
  readonly services?: readonly ServiceFactory[];
  /** Invokes Lambda functions for EventBridge targets. @default - Lambda targets are unreachable */
  readonly lambdaInvoker?: LambdaInvoker;
  /**
   * `stack` when a stack runner starts the stack on these services: `/_switchyard/health` then
   * reports `starting` until the runner calls `markReady()`, not as soon as the services are up.
   * @default 'services'
   */
  readonly mode?: 'services' | 'stack';
  /**
   * Verify every request's SigV4 signature against the local credentials, for teams who want
   * unsigned or wrongly signed calls to fail locally as they would in AWS. @default false
   */
  readonly enforceSigV4?: boolean;
}

export interface RunningServices {
  /** Base URL for `AWS_ENDPOINT_URL`, e.g. `http://127.0.0.1:4566`. */
  readonly url: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly dataDir: string;
  /** The SQS model, for in-process senders and pollers. */
  readonly sqs: SqsModel;
  /**
   * dynalite's own URL, for clients in this process (functions): one HTTP hop instead of two,
   * since the shared endpoint would only forward the request there. Undefined when signatures
   * are enforced, so that every call goes through the endpoint's check.
   */
  readonly dynamoDbUrl: string | undefined;
  /**
   * Per EventBridge rule, the events it matched and the deliveries to its targets that failed for
   * good since start; empty if `options.services` replaced EventBridge with another kind of service.
   */
  ruleStats(): RuleStats[];
  /** Makes `/_switchyard/health` report `running`; done by `startServices` itself unless `mode` is `stack`. */
  markReady(): void;
  /** Makes `/_switchyard/health` report `stopping`, e.g. while the stack runner drains. */
  markStopping(): void;
  /** Stops the endpoint and every service and removes `endpoints.json`; state stays on disk. */
  stop(): Promise<void>;
}

/**
 * Starts the local AWS endpoint with SQS, DynamoDB (dynalite) and the additional services, and
 * writes `<dataDir>/endpoints.json` ({ awsEndpoint, region, accessKeyId, secretAccessKey }) so
 * other processes can find it while it runs.
 */
export async function startServices(options: StartServicesOptions = {}): Promise<RunningServices> {
  const dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const region = options.region ?? 'us-east-1';
  ensurePrivateDir(dataDir);

  const mode = options.mode ?? 'services';
  const endpoint = await startAwsEndpoint({
    port: options.port ?? 4566,
    mode,
    ...(options.enforceSigV4 === true && {
      verifier: new SigV4Verifier({ region, credentials: LOCAL_CREDENTIALS }),
    }),
  });
  const started: AwsService[] = [];
  try {
    const sqsService = await SqsService.start({ dataDir, region, endpointUrl: endpoint.url });
    started.push(sqsService);
    endpoint.addService(sqsService);
    const dynamo = await DynaliteService.start({ path: join(dataDir, 'dynamodb') });
    started.push(dynamo);
    endpoint.addService(dynamo);
    const context: ServiceContext = {
      dataDir,
      region,
      endpointUrl: endpoint.url,
      sqs: sqsService.model,
      ...(options.lambdaInvoker !== undefined && { lambdaInvoker: options.lambdaInvoker }),
    };
    const add = (service: AwsService): void => {
      started.push(service);
      endpoint.addService(service);
    };
    for (const factory of options.services ?? []) add(await factory(context));
    for (const { name, create } of ADDITIONAL_SERVICES) {
      if (!started.some((service) => service.name === name)) add(await create(context));
    }
    const endpointsFile = endpointsFilePath(dataDir);
    const endpoints: LocalEndpoints = { awsEndpoint: endpoint.url, region, ...LOCAL_CREDENTIALS };
    writePrivateJson(endpointsFile, endpoints);
    if (mode === 'services') endpoint.markReady();
    const eventBridge = started.find((service) => service instanceof EventBridgeService);
    // Signal handlers and test teardown may both stop: the second call waits for the first.
    let stopping: Promise<void> | undefined;
    return {
      url: endpoint.url,
      region,
      ...LOCAL_CREDENTIALS,
      dataDir,
      sqs: sqsService.model,
      dynamoDbUrl: options.enforceSigV4 === true ? undefined : `http://127.0.0.1:${dynamo.port}`,
      ruleStats: () => eventBridge?.ruleStats() ?? [],
      markReady: () => endpoint.markReady(),
      markStopping: () => endpoint.markStopping(),
      stop: () => {
        stopping ??= (async () => {
          rmSync(endpointsFile, { force: true });
          await endpoint.close();
        })();
        return stopping;
      },
    };
  } catch (error) {
    // endpoint.close() closes what was added to it; nothing may be left holding the data dir.
    await endpoint.close().catch(() => undefined);
    throw error;
  }
}
