import {
  CreateEventBusCommand,
  DeleteEventBusCommand,
  DeleteRuleCommand,
  DescribeEventBusCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  InvalidEventPatternException,
  ListEventBusesCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import { type EventBridgeHarness, startEventBridgeHarness } from './eventbridge-harness';

const ARN_PREFIX = 'arn:aws:events:us-east-1:000000000000';
const QUEUE_ARN = 'arn:aws:sqs:us-east-1:000000000000:some-queue';

describe('EventBridge bus, rule and target operations', () => {
  let harness: EventBridgeHarness;

  beforeAll(async () => {
    harness = await startEventBridgeHarness();
  });

  afterAll(async () => {
    await harness.stop();
  });

  describe('event buses', () => {
    it('should have a default bus', async () => {
      const bus = await harness.eventBridge.send(new DescribeEventBusCommand({}));
      expect(bus).toMatchObject({ Name: 'default', Arn: `${ARN_PREFIX}:event-bus/default` });
    });

    it('should create, describe, list and delete a custom bus', async () => {
      // Act
      const created = await harness.eventBridge.send(
        new CreateEventBusCommand({ Name: 'ops-bus', Description: 'd' }),
      );
      const described = await harness.eventBridge.send(
        new DescribeEventBusCommand({ Name: created.EventBusArn }),
      );
      const listed = await harness.eventBridge.send(new ListEventBusesCommand({ NamePrefix: 'ops-' }));
      await harness.eventBridge.send(new DeleteEventBusCommand({ Name: 'ops-bus' }));
      const after = harness.eventBridge.send(new DescribeEventBusCommand({ Name: 'ops-bus' }));

      // Assert
      expect(created.EventBusArn).toBe(`${ARN_PREFIX}:event-bus/ops-bus`);
      expect(described).toMatchObject({ Name: 'ops-bus', Description: 'd' });
      expect(described.CreationTime).toBeInstanceOf(Date);
      expect(listed.EventBuses?.map((bus) => bus.Name)).toEqual(['ops-bus']);
      await expect(after).rejects.toBeInstanceOf(ResourceNotFoundException);
    });

    it('should refuse to create a bus that exists', async () => {
      await expect(
        harness.eventBridge.send(new CreateEventBusCommand({ Name: 'default' })),
      ).rejects.toBeInstanceOf(ResourceAlreadyExistsException);
    });

    it('should refuse to delete the default bus', async () => {
      await expect(
        harness.eventBridge.send(new DeleteEventBusCommand({ Name: 'default' })),
      ).rejects.toMatchObject({
        name: 'ValidationException',
      });
    });

    it('should page through buses with Limit and NextToken', async () => {
      // Arrange
      for (const name of ['page-a', 'page-b', 'page-c']) {
        await harness.eventBridge.send(new CreateEventBusCommand({ Name: name }));
      }

      // Act
      const first = await harness.eventBridge.send(
        new ListEventBusesCommand({ NamePrefix: 'page-', Limit: 2 }),
      );
      const second = await harness.eventBridge.send(
        new ListEventBusesCommand({ NamePrefix: 'page-', Limit: 2, NextToken: first.NextToken }),
      );

      // Assert
      expect(first.EventBuses?.map((bus) => bus.Name)).toEqual(['page-a', 'page-b']);
      expect(second.EventBuses?.map((bus) => bus.Name)).toEqual(['page-c']);
      expect(second.NextToken).toBeUndefined();
    });
  });

  describe('rules', () => {
    it('should put, describe, list, disable, enable and delete a rule', async () => {
      // Act
      const put = await harness.eventBridge.send(
        new PutRuleCommand({ Name: 'r1', EventPattern: '{"source":["a"]}', Description: 'first' }),
      );
      await harness.eventBridge.send(new DisableRuleCommand({ Name: 'r1' }));
      const disabled = await harness.eventBridge.send(new DescribeRuleCommand({ Name: 'r1' }));
      await harness.eventBridge.send(new EnableRuleCommand({ Name: 'r1' }));
      const listed = await harness.eventBridge.send(new ListRulesCommand({ NamePrefix: 'r1' }));
      await harness.eventBridge.send(new DeleteRuleCommand({ Name: 'r1' }));
      const gone = harness.eventBridge.send(new DescribeRuleCommand({ Name: 'r1' }));

      // Assert
      expect(put.RuleArn).toBe(`${ARN_PREFIX}:rule/r1`);
      expect(disabled).toMatchObject({
        Name: 'r1',
        State: 'DISABLED',
        EventPattern: '{"source":["a"]}',
        EventBusName: 'default',
      });
      expect(listed.Rules).toEqual([
        expect.objectContaining({ Name: 'r1', State: 'ENABLED', Description: 'first' }),
      ]);
      await expect(gone).rejects.toBeInstanceOf(ResourceNotFoundException);
    });

    it('should name the bus in the ARN of a rule on a custom bus', async () => {
      await harness.eventBridge.send(new CreateEventBusCommand({ Name: 'rules-bus' }));
      const put = await harness.eventBridge.send(
        new PutRuleCommand({ Name: 'r2', EventBusName: 'rules-bus', EventPattern: '{"source":["a"]}' }),
      );
      expect(put.RuleArn).toBe(`${ARN_PREFIX}:rule/rules-bus/r2`);
    });

    it('should reject an invalid pattern with InvalidEventPatternException and write nothing', async () => {
      // Act
      const put = harness.eventBridge.send(
        new PutRuleCommand({ Name: 'bad', EventPattern: '{"source":"a"}' }),
      );

      // Assert
      await expect(put).rejects.toBeInstanceOf(InvalidEventPatternException);
      await expect(put).rejects.toThrow(
        'Event pattern is not valid. Reason: "source" must be an object or an array',
      );
      await expect(harness.eventBridge.send(new DescribeRuleCommand({ Name: 'bad' }))).rejects.toBeInstanceOf(
        ResourceNotFoundException,
      );
    });

    it('should reject a schedule expression clearly', async () => {
      await expect(
        harness.eventBridge.send(new PutRuleCommand({ Name: 'cron', ScheduleExpression: 'rate(1 minute)' })),
      ).rejects.toMatchObject({
        name: 'ValidationException',
        message: expect.stringContaining('ScheduleExpression'),
      });
    });

    it('should refuse a rule on a bus that does not exist', async () => {
      await expect(
        harness.eventBridge.send(
          new PutRuleCommand({ Name: 'x', EventBusName: 'nope', EventPattern: '{"a":[1]}' }),
        ),
      ).rejects.toBeInstanceOf(ResourceNotFoundException);
    });

    it('should refuse to delete a rule that still has targets', async () => {
      // Arrange
      await harness.eventBridge.send(
        new PutRuleCommand({ Name: 'with-targets', EventPattern: '{"source":["a"]}' }),
      );
      await harness.eventBridge.send(
        new PutTargetsCommand({ Rule: 'with-targets', Targets: [{ Id: 't', Arn: QUEUE_ARN }] }),
      );

      // Act
      const deletion = harness.eventBridge.send(new DeleteRuleCommand({ Name: 'with-targets' }));

      // Assert
      await expect(deletion).rejects.toMatchObject({ name: 'ValidationException' });
      expect((await harness.eventBridge.send(new DescribeRuleCommand({ Name: 'with-targets' }))).Name).toBe(
        'with-targets',
      );
    });
  });

  describe('targets', () => {
    beforeAll(async () => {
      await harness.eventBridge.send(
        new PutRuleCommand({ Name: 'targeted', EventPattern: '{"source":["a"]}' }),
      );
    });

    it('should put, list and remove targets', async () => {
      // Act
      const put = await harness.eventBridge.send(
        new PutTargetsCommand({
          Rule: 'targeted',
          Targets: [
            { Id: 'a', Arn: QUEUE_ARN, InputPath: '$.detail' },
            {
              Id: 'b',
              Arn: 'arn:aws:lambda:us-east-1:000000000000:function:f',
              RetryPolicy: { MaximumRetryAttempts: 3 },
            },
          ],
        }),
      );
      const listed = await harness.eventBridge.send(new ListTargetsByRuleCommand({ Rule: 'targeted' }));
      await harness.eventBridge.send(new RemoveTargetsCommand({ Rule: 'targeted', Ids: ['a', 'b'] }));
      const after = await harness.eventBridge.send(new ListTargetsByRuleCommand({ Rule: 'targeted' }));

      // Assert
      expect(put.FailedEntryCount).toBe(0);
      expect(listed.Targets).toEqual([
        { Id: 'a', Arn: QUEUE_ARN, InputPath: '$.detail' },
        {
          Id: 'b',
          Arn: 'arn:aws:lambda:us-east-1:000000000000:function:f',
          RetryPolicy: { MaximumRetryAttempts: 3 },
        },
      ]);
      expect(after.Targets).toEqual([]);
    });

    it('should report unusable targets per entry and keep the valid ones', async () => {
      // Act
      const put = await harness.eventBridge.send(
        new PutTargetsCommand({
          Rule: 'targeted',
          Targets: [
            { Id: 'ok', Arn: QUEUE_ARN },
            { Id: 'sns', Arn: 'arn:aws:sns:us-east-1:000000000000:topic' },
            { Id: 'both', Arn: QUEUE_ARN, Input: '{}', InputPath: '$.detail' },
            { Id: 'retries', Arn: QUEUE_ARN, RetryPolicy: { MaximumRetryAttempts: 500 } },
          ],
        }),
      );
      const listed = await harness.eventBridge.send(new ListTargetsByRuleCommand({ Rule: 'targeted' }));

      // Assert
      expect(put.FailedEntryCount).toBe(3);
      expect(put.FailedEntries?.map((entry) => entry.TargetId)).toEqual(['sns', 'both', 'retries']);
      expect(put.FailedEntries?.[0]?.ErrorCode).toBe('ValidationException');
      expect(listed.Targets?.map((target) => target.Id)).toEqual(['ok']);
    });

    it('should fail PutTargets on a rule that does not exist', async () => {
      await expect(
        harness.eventBridge.send(
          new PutTargetsCommand({ Rule: 'missing', Targets: [{ Id: 'a', Arn: QUEUE_ARN }] }),
        ),
      ).rejects.toBeInstanceOf(ResourceNotFoundException);
    });
  });

  describe('TestEventPattern', () => {
    const event = JSON.stringify({
      id: '1',
      account: '000000000000',
      source: 'shop',
      time: '2026-01-01T00:00:00Z',
      region: 'us-east-1',
      'detail-type': 'order.placed',
      resources: [],
      detail: { total: 5 },
    });

    it('should answer whether the pattern matches', async () => {
      const yes = await harness.eventBridge.send(
        new TestEventPatternCommand({
          EventPattern: '{"detail":{"total":[{"numeric":["<",10]}]}}',
          Event: event,
        }),
      );
      const no = await harness.eventBridge.send(
        new TestEventPatternCommand({ EventPattern: '{"source":["other"]}', Event: event }),
      );
      expect([yes.Result, no.Result]).toEqual([true, false]);
    });

    it('should reject an invalid pattern and an invalid event as AWS does', async () => {
      await expect(
        harness.eventBridge.send(new TestEventPatternCommand({ EventPattern: '{"a":[]}', Event: event })),
      ).rejects.toThrow('Event pattern is not valid. Reason: Empty arrays are not allowed');
      await expect(
        harness.eventBridge.send(
          new TestEventPatternCommand({ EventPattern: '{"a":[1]}', Event: '["not","an","event"]' }),
        ),
      ).rejects.toMatchObject({ name: 'ValidationException', message: 'Parameter Event is not valid.' });
    });
  });
});
