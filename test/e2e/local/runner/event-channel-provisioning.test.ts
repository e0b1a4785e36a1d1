import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeArchiveCommand, EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetQueueUrlCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { LambdaInvoker } from '../../../../local/eventbridge';
import { LambdaRuntime, lambdaTargetInvoker } from '../../../../local/lambda';
import type { CfnTemplate } from '../../../../local/platform/template/template-types';
import { functionDefinitions } from '../../../../local/runner/function-definitions';
import { provisionEvents } from '../../../../local/runner/provision-events';
import { provisionQueues } from '../../../../local/runner/provision-queues';
import { StackResources } from '../../../../local/runner/stack-resources';
import { type RunningServices, startServices } from '../../../../local/services';
import { type EventObserver, startEventObserver } from './support/event-observer';
import { fixtureFunction } from './support/fixture-function';
import { pollUntil } from './support/poll-until';

jest.setTimeout(60_000);

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** An event channel in the shape CDK synthesizes: bus, archive, rule with a queue and a function target. */
const eventChannelTemplate: CfnTemplate = {
  Resources: {
    Bus: { Type: 'AWS::Events::EventBus', Properties: { Name: 'orders' } },
    Archive: {
      Type: 'AWS::Events::Archive',
      Properties: {
        SourceArn: { 'Fn::GetAtt': ['Bus', 'Arn'] },
        EventPattern: { source: ['shop'] },
        RetentionDays: 7,
      },
    },
    TargetDlq: { Type: 'AWS::SQS::Queue', Properties: { MessageRetentionPeriod: 1209600 } },
    TargetQueue: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 60 } },
    Consumer: {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Code: { S3Key: 'observer.zip' },
        Handler: 'index.handler',
        Runtime: 'nodejs24.x',
        Timeout: 5,
      },
    },
    BigOrders: {
      Type: 'AWS::Events::Rule',
      Properties: {
        EventBusName: { Ref: 'Bus' },
        EventPattern: {
          source: ['shop'],
          'detail-type': ['order.placed'],
          detail: { total: [{ numeric: ['>=', 100] }] },
        },
        State: 'ENABLED',
        Targets: [
          {
            Id: 'Queue',
            Arn: { 'Fn::GetAtt': ['TargetQueue', 'Arn'] },
            InputTransformer: { InputPathsMap: { id: '$.detail.id' }, InputTemplate: '{"orderId": <id>}' },
            RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 60 },
            DeadLetterConfig: { Arn: { 'Fn::GetAtt': ['TargetDlq', 'Arn'] } },
          },
          { Id: 'Function', Arn: { 'Fn::GetAtt': ['Consumer', 'Arn'] }, InputPath: '$.detail' },
        ],
      },
    },
  },
};

describe('the event channel provisioned from a template', () => {
  let dataDir: string;
  let services: RunningServices;
  let runtime: LambdaRuntime;
  let observer: EventObserver;
  let lambdaTargets: LambdaInvoker | undefined;

  const start = async (): Promise<StackResources> => {
    services = await startServices({
      port: 0,
      dataDir,
      lambdaInvoker: {
        invokeAsync: (arn, payload) => (lambdaTargets as LambdaInvoker).invokeAsync(arn, payload),
      },
    });
    const stack = new StackResources(
      eventChannelTemplate,
      { stackName: 'Demo', region: services.region, endpointUrl: services.url },
      'strict',
    );
    const config = { endpoint: services.url, region: services.region, credentials, maxAttempts: 1 };
    const sqs = new SQSClient(config);
    const events = new EventBridgeClient(config);
    await provisionQueues(sqs, stack);
    await provisionEvents(events, stack);
    sqs.destroy();
    events.destroy();
    runtime = new LambdaRuntime({
      endpointUrl: services.url,
      region: services.region,
      credentials,
      logSink: () => undefined,
    });
    const [consumer] = functionDefinitions(stack, {
      assetDir: () => fixtureFunction('observer').codeDir,
    });
    runtime.register({
      ...(consumer as NonNullable<typeof consumer>),
      environment: { OBSERVER_URL: observer.url },
    });
    lambdaTargets = lambdaTargetInvoker(runtime, { log: () => undefined });
    return stack;
  };

  const stop = async () => {
    await runtime.drain();
    await services.stop();
  };

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'switchyard-events-'));
    observer = await startEventObserver();
  });

  afterEach(async () => {
    await observer.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('should route a matching event to the queue target (transformed) and the function target (InputPath)', async () => {
    // Arrange
    await start();
    const config = { endpoint: services.url, region: services.region, credentials, maxAttempts: 1 };
    const events = new EventBridgeClient(config);
    const sqs = new SQSClient(config);

    try {
      // Act
      const put = await events.send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: 'orders',
              Source: 'shop',
              DetailType: 'order.placed',
              Detail: '{"id":42,"total":150}',
            },
            {
              EventBusName: 'orders',
              Source: 'shop',
              DetailType: 'order.placed',
              Detail: '{"id":7,"total":5}',
            },
          ],
        }),
      );
      const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'Demo-TargetQueue' }));
      const message = await pollUntil('the event in the target queue', async () => {
        const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }));
        return Messages[0];
      });
      await pollUntil('the function target to run', async () =>
        observer.events.length > 0 ? true : undefined,
      );
      const archive = await events.send(new DescribeArchiveCommand({ ArchiveName: 'Demo-Archive' }));

      // Assert
      expect(put.FailedEntryCount).toBe(0);
      expect(JSON.parse(message.Body ?? '')).toEqual({ orderId: 42 });
      expect(observer.events).toEqual([{ id: 42, total: 150 }]);
      expect(archive).toMatchObject({
        EventSourceArn: 'arn:aws:events:us-east-1:000000000000:event-bus/orders',
      });
    } finally {
      events.destroy();
      sqs.destroy();
      await stop();
    }
  });

  it('should provision again on restart without losing queued messages', async () => {
    // Arrange
    await start();
    const queueUrl = services.sqs.getQueueUrl('Demo-TargetQueue');
    services.sqs.sendMessage(queueUrl, 'kept across restarts');
    await stop();

    // Act
    await start();

    // Assert
    try {
      const received = await services.sqs.receiveMessages(queueUrl, { waitTimeSeconds: 1 });
      expect(received.map((message) => message.Body)).toEqual(['kept across restarts']);
    } finally {
      await stop();
    }
  });
});
