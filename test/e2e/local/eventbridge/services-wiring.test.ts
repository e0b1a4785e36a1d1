import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { type RunningServices, startServices } from '../../../../local/services';

describe('EventBridge in the composed local services', () => {
  let services: RunningServices;
  let dataDir: string;
  let eventBridge: EventBridgeClient;
  let sqs: SQSClient;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'eventbridge-wiring-'));
    services = await startServices({ port: 0, dataDir });
    const config = {
      endpoint: services.url,
      region: services.region,
      credentials: { accessKeyId: services.accessKeyId, secretAccessKey: services.secretAccessKey },
    };
    eventBridge = new EventBridgeClient(config);
    sqs = new SQSClient(config);
  });

  afterAll(async () => {
    eventBridge.destroy();
    sqs.destroy();
    await services.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('should carry PutEvents through a rule to an SQS target that ReceiveMessage returns', async () => {
    // Arrange
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'subscription' }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    await eventBridge.send(
      new PutRuleCommand({ Name: 'task-outcomes', EventPattern: '{"detail-type":[{"prefix":"task."}]}' }),
    );
    await eventBridge.send(
      new PutTargetsCommand({
        Rule: 'task-outcomes',
        Targets: [{ Id: 'subscription', Arn: Attributes?.QueueArn }],
      }),
    );

    // Act
    const put = await eventBridge.send(
      new PutEventsCommand({
        Entries: [{ Source: 'switchyard.tasks', DetailType: 'task.succeeded', Detail: '{"taskId":"t-1"}' }],
      }),
    );
    const messages: Message[] = [];
    const deadline = Date.now() + 5000;
    while (messages.length === 0 && Date.now() < deadline) {
      const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }));
      messages.push(...(received.Messages ?? []));
    }

    // Assert
    expect(put.FailedEntryCount).toBe(0);
    expect(messages).toHaveLength(1);
    expect(JSON.parse(messages[0]?.Body ?? '{}')).toMatchObject({
      id: put.Entries?.[0]?.EventId,
      source: 'switchyard.tasks',
      'detail-type': 'task.succeeded',
      detail: { taskId: 't-1' },
    });
  });

  it("should report each rule's matched events and failed deliveries through the running services", async () => {
    // Arrange: the target queue does not exist and the rule allows no retry
    await eventBridge.send(
      new PutRuleCommand({ Name: 'wiring-stats', EventPattern: '{"source":["wiring.stats"]}' }),
    );
    await eventBridge.send(
      new PutTargetsCommand({
        Rule: 'wiring-stats',
        Targets: [
          {
            Id: 'missing',
            Arn: `arn:aws:sqs:${services.region}:000000000000:no-such-queue`,
            RetryPolicy: { MaximumRetryAttempts: 0 },
          },
        ],
      }),
    );

    // Act
    await eventBridge.send(
      new PutEventsCommand({
        Entries: [
          { Source: 'wiring.stats', DetailType: 'matched', Detail: '{}' },
          { Source: 'wiring.other', DetailType: 'not matched', Detail: '{}' },
        ],
      }),
    );
    const statsOf = () => services.ruleStats().find((rule) => rule.name === 'wiring-stats');
    const deadline = Date.now() + 5000;
    while ((statsOf()?.failedDeliveries ?? 0) === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    // Assert
    expect(statsOf()).toEqual({
      name: 'wiring-stats',
      eventBusName: 'default',
      matchedEvents: 1,
      failedDeliveries: 1,
    });
  });
});
