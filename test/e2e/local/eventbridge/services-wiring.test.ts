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
});
