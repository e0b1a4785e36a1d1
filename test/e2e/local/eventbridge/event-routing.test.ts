import {
  CreateEventBusCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  type Target,
} from '@aws-sdk/client-eventbridge';
import type { LambdaInvoker } from '../../../../local/eventbridge';
import { type EventBridgeHarness, startEventBridgeHarness } from './eventbridge-harness';

describe('EventBridge routing to targets', () => {
  let harness: EventBridgeHarness;
  const invocations: Array<{ arn: string; payload: string }> = [];
  const lambda: LambdaInvoker = {
    invokeAsync: (arn, payload) => {
      invocations.push({ arn, payload });
      return Promise.resolve();
    },
  };

  beforeAll(async () => {
    harness = await startEventBridgeHarness({ lambda });
  });

  afterAll(async () => {
    await harness.stop();
  });

  /** Creates a rule on the default bus with one target and returns the target queue. */
  async function ruleWithQueueTarget(name: string, pattern: object, target: Partial<Target> = {}) {
    const queue = await harness.createQueue(`${name}-queue`);
    await harness.eventBridge.send(new PutRuleCommand({ Name: name, EventPattern: JSON.stringify(pattern) }));
    await harness.eventBridge.send(
      new PutTargetsCommand({ Rule: name, Targets: [{ Id: 't1', Arn: queue.arn, ...target }] }),
    );
    return queue;
  }

  async function putEvent(source: string, detail: object, detailType = 'test.event') {
    const result = await harness.eventBridge.send(
      new PutEventsCommand({
        Entries: [{ Source: source, DetailType: detailType, Detail: JSON.stringify(detail) }],
      }),
    );
    expect(result.FailedEntryCount).toBe(0);
    return result.Entries?.[0]?.EventId as string;
  }

  it('should deliver a matching event to an SQS target as the event envelope', async () => {
    // Arrange
    const queue = await ruleWithQueueTarget('orders', {
      source: ['shop'],
      detail: { total: [{ numeric: ['>', 10] }] },
    });

    // Act
    const result = await harness.eventBridge.send(
      new PutEventsCommand({
        Entries: [
          { Source: 'shop', DetailType: 'order.placed', Detail: JSON.stringify({ total: 42 }) },
          { Source: 'shop', DetailType: 'order.placed', Detail: JSON.stringify({ total: 1 }) },
        ],
      }),
    );
    const messages = await harness.drain(queue.url);

    // Assert
    expect(result.FailedEntryCount).toBe(0);
    expect(messages).toHaveLength(1);
    const event = JSON.parse(messages[0]?.Body ?? '{}');
    expect(event).toMatchObject({
      version: '0',
      id: result.Entries?.[0]?.EventId,
      'detail-type': 'order.placed',
      source: 'shop',
      account: '000000000000',
      region: 'us-east-1',
      resources: [],
      detail: { total: 42 },
    });
    expect(event.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('should send only the InputPath part of the event', async () => {
    // Arrange
    const queue = await ruleWithQueueTarget(
      'input-path',
      { source: ['input-path'] },
      { InputPath: '$.detail.order' },
    );

    // Act
    await putEvent('input-path', { order: { id: 'o-1', lines: [1, 2] } });
    const messages = await harness.receive(queue.url, 1);

    // Assert
    expect(JSON.parse(messages[0]?.Body ?? 'null')).toEqual({ id: 'o-1', lines: [1, 2] });
  });

  it('should fill an InputTransformer template from InputPathsMap and predefined variables', async () => {
    // Arrange
    const queue = await ruleWithQueueTarget(
      'transformer',
      { source: ['transformer'] },
      {
        InputTransformer: {
          InputPathsMap: { id: '$.detail.id', qty: '$.detail.qty', type: '$.detail-type' },
          InputTemplate:
            '{"order": <id>, "quantity": <qty>, "text": "<type> for <id>", "rule": <aws.events.rule-name>}',
        },
      },
    );

    // Act
    await putEvent('transformer', { id: 'o-7', qty: 3 }, 'order.placed');
    const messages = await harness.receive(queue.url, 1);

    // Assert
    expect(JSON.parse(messages[0]?.Body ?? 'null')).toEqual({
      order: 'o-7',
      quantity: 3,
      text: 'order.placed for o-7',
      rule: 'transformer',
    });
  });

  it('should send a constant Input unchanged', async () => {
    // Arrange
    const queue = await ruleWithQueueTarget(
      'constant',
      { source: ['constant'] },
      { Input: '{"fixed":true}' },
    );

    // Act
    await putEvent('constant', { ignored: 1 });
    const messages = await harness.receive(queue.url, 1);

    // Assert
    expect(messages[0]?.Body).toBe('{"fixed":true}');
  });

  it('should not route events to a disabled rule until it is enabled again', async () => {
    // Arrange
    const queue = await ruleWithQueueTarget('toggled', { source: ['toggled'] });
    await harness.eventBridge.send(new DisableRuleCommand({ Name: 'toggled' }));

    // Act
    await putEvent('toggled', { n: 1 });
    const whileDisabled = await harness.drain(queue.url);
    await harness.eventBridge.send(new EnableRuleCommand({ Name: 'toggled' }));
    await putEvent('toggled', { n: 2 });
    const afterEnable = await harness.receive(queue.url, 1);

    // Assert
    expect(whileDisabled).toHaveLength(0);
    expect(JSON.parse(afterEnable[0]?.Body ?? '{}').detail).toEqual({ n: 2 });
  });

  it('should retry a failing target, then dead-letter the event with the error attributes', async () => {
    // Arrange
    const dlq = await harness.createQueue('routing-dlq');
    const missingQueueArn = 'arn:aws:sqs:us-east-1:000000000000:does-not-exist';
    await harness.eventBridge.send(
      new PutRuleCommand({ Name: 'failing', EventPattern: '{"source":["failing"]}' }),
    );
    await harness.eventBridge.send(
      new PutTargetsCommand({
        Rule: 'failing',
        Targets: [
          {
            Id: 'missing',
            Arn: missingQueueArn,
            RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 60 },
            DeadLetterConfig: { Arn: dlq.arn },
          },
        ],
      }),
    );

    // Act
    const eventId = await putEvent('failing', { attempt: 'x' });
    const messages = await harness.receive(dlq.url, 1);

    // Assert
    expect(messages).toHaveLength(1);
    expect(JSON.parse(messages[0]?.Body ?? '{}').id).toBe(eventId);
    const attributes = messages[0]?.MessageAttributes ?? {};
    expect(attributes.ERROR_CODE?.StringValue).toBe('RESOURCE_NOT_FOUND');
    expect(attributes.ERROR_MESSAGE?.StringValue).toEqual(expect.any(String));
    expect(attributes.RULE_ARN?.StringValue).toBe('arn:aws:events:us-east-1:000000000000:rule/failing');
    expect(attributes.TARGET_ARN?.StringValue).toBe(missingQueueArn);
    expect(attributes.RETRY_ATTEMPTS?.StringValue).toBe('2');
    expect(attributes.EXHAUSTED_RETRY_CONDITION?.StringValue).toBe('MaximumRetryAttempts');
  });

  it('should keep an event that failed for good without a dead-letter queue', async () => {
    // Arrange
    const before = harness.service.deadLetterCount();
    await harness.eventBridge.send(
      new PutRuleCommand({ Name: 'no-dlq', EventPattern: '{"source":["no-dlq"]}' }),
    );
    await harness.eventBridge.send(
      new PutTargetsCommand({
        Rule: 'no-dlq',
        Targets: [
          {
            Id: 'missing',
            Arn: 'arn:aws:sqs:us-east-1:000000000000:nowhere',
            RetryPolicy: { MaximumRetryAttempts: 0 },
          },
        ],
      }),
    );

    // Act
    await putEvent('no-dlq', {});
    await harness.service.settled();

    // Assert
    expect(harness.service.deadLetterCount()).toBe(before + 1);
  });

  it('should invoke a Lambda target through the supplied invoker', async () => {
    // Arrange
    const functionArn = 'arn:aws:lambda:us-east-1:000000000000:function:consumer';
    await harness.eventBridge.send(
      new PutRuleCommand({ Name: 'to-lambda', EventPattern: '{"source":["to-lambda"]}' }),
    );
    await harness.eventBridge.send(
      new PutTargetsCommand({ Rule: 'to-lambda', Targets: [{ Id: 'fn', Arn: functionArn }] }),
    );

    // Act
    const eventId = await putEvent('to-lambda', { hello: 'world' });
    await harness.service.settled();

    // Assert
    const invocation = invocations.find((candidate) => JSON.parse(candidate.payload).id === eventId);
    expect(invocation?.arn).toBe(functionArn);
    expect(JSON.parse(invocation?.payload ?? '{}').detail).toEqual({ hello: 'world' });
  });

  it('should route events on a custom bus only to that bus rules, addressed by name or ARN', async () => {
    // Arrange
    const { EventBusArn } = await harness.eventBridge.send(new CreateEventBusCommand({ Name: 'orders-bus' }));
    const queue = await harness.createQueue('custom-bus-queue');
    await harness.eventBridge.send(
      new PutRuleCommand({
        Name: 'on-custom',
        EventBusName: 'orders-bus',
        EventPattern: '{"source":["custom"]}',
      }),
    );
    await harness.eventBridge.send(
      new PutTargetsCommand({
        Rule: 'on-custom',
        EventBusName: EventBusArn,
        Targets: [{ Id: 'q', Arn: queue.arn }],
      }),
    );

    // Act
    const result = await harness.eventBridge.send(
      new PutEventsCommand({
        Entries: [
          { Source: 'custom', DetailType: 'a', Detail: '{"bus":"default"}' },
          { Source: 'custom', DetailType: 'b', Detail: '{"bus":"custom"}', EventBusName: EventBusArn },
        ],
      }),
    );
    const messages = await harness.drain(queue.url);

    // Assert
    expect(result.FailedEntryCount).toBe(0);
    expect(messages.map((message) => JSON.parse(message.Body ?? '{}').detail)).toEqual([{ bus: 'custom' }]);
  });
});
