import {
  CreateArchiveCommand,
  CreateEventBusCommand,
  DescribeArchiveCommand,
  DescribeEventBusCommand,
  InvalidEventPatternException,
  ListRuleNamesByTargetCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  ResourceNotFoundException,
  UpdateArchiveCommand,
  UpdateEventBusCommand,
} from '@aws-sdk/client-eventbridge';
import { harnessForFile } from './eventbridge-harness';

const ARN_PREFIX = 'arn:aws:events:us-east-1:000000000000';
const DLQ_ARN = 'arn:aws:sqs:us-east-1:000000000000:bus-dlq';
const KMS_KEY = 'arn:aws:kms:us-east-1:000000000000:key/0000-1111';

describe('EventBridge UpdateEventBus, UpdateArchive and ListRuleNamesByTarget', () => {
  const file = harnessForFile();
  const restart = file.restart;

  async function ruleToTarget(busName: string, ruleName: string, targetArn: string): Promise<void> {
    await file.harness.eventBridge.send(
      new PutRuleCommand({ Name: ruleName, EventBusName: busName, EventPattern: '{"source":["app"]}' }),
    );
    await file.harness.eventBridge.send(
      new PutTargetsCommand({
        Rule: ruleName,
        EventBusName: busName,
        Targets: [{ Id: 't', Arn: targetArn }],
      }),
    );
  }

  async function putEvent(busName: string, detailType: string): Promise<void> {
    const result = await file.harness.eventBridge.send(
      new PutEventsCommand({
        Entries: [{ EventBusName: busName, Source: 'app', DetailType: detailType, Detail: '{}' }],
      }),
    );
    expect(result.FailedEntryCount).toBe(0);
  }

  describe('UpdateEventBus', () => {
    it('should update the description, KMS key and dead-letter config and keep them across a restart', async () => {
      // Arrange
      await file.harness.eventBridge.send(new CreateEventBusCommand({ Name: 'upd-bus', Description: 'old' }));

      // Act
      const updated = await file.harness.eventBridge.send(
        new UpdateEventBusCommand({
          Name: 'upd-bus',
          Description: 'new',
          KmsKeyIdentifier: KMS_KEY,
          DeadLetterConfig: { Arn: DLQ_ARN },
        }),
      );
      await restart();
      const described = await file.harness.eventBridge.send(new DescribeEventBusCommand({ Name: 'upd-bus' }));

      // Assert
      expect(updated).toMatchObject({
        Arn: `${ARN_PREFIX}:event-bus/upd-bus`,
        Name: 'upd-bus',
        Description: 'new',
        KmsKeyIdentifier: KMS_KEY,
        DeadLetterConfig: { Arn: DLQ_ARN },
      });
      expect(described).toMatchObject({
        Name: 'upd-bus',
        Description: 'new',
        KmsKeyIdentifier: KMS_KEY,
        DeadLetterConfig: { Arn: DLQ_ARN },
      });
      expect(described.LastModifiedTime?.getTime()).toBeGreaterThanOrEqual(
        described.CreationTime?.getTime() ?? Number.POSITIVE_INFINITY,
      );
    });

    it('should keep the members an update leaves out', async () => {
      // Arrange
      await file.harness.eventBridge.send(
        new CreateEventBusCommand({ Name: 'upd-keep', Description: 'kept' }),
      );

      // Act
      const updated = await file.harness.eventBridge.send(
        new UpdateEventBusCommand({ Name: 'upd-keep', KmsKeyIdentifier: KMS_KEY }),
      );

      // Assert
      expect(updated).toMatchObject({ Description: 'kept', KmsKeyIdentifier: KMS_KEY });
    });

    it('should update the default bus when no Name is given', async () => {
      // Act
      const updated = await file.harness.eventBridge.send(new UpdateEventBusCommand({ Description: 'main' }));

      // Assert
      expect(updated).toMatchObject({ Name: 'default', Description: 'main' });
    });

    it('should answer ResourceNotFoundException for a bus that does not exist', async () => {
      await expect(
        file.harness.eventBridge.send(new UpdateEventBusCommand({ Name: 'upd-missing', Description: 'x' })),
      ).rejects.toBeInstanceOf(ResourceNotFoundException);
    });

    it('should answer ValidationException for a description over 512 characters', async () => {
      await expect(
        file.harness.eventBridge.send(new UpdateEventBusCommand({ Description: 'x'.repeat(513) })),
      ).rejects.toMatchObject({ name: 'ValidationException' });
    });
  });

  describe('UpdateArchive', () => {
    it('should update pattern, description and retention, archive by the new pattern and keep them across a restart', async () => {
      // Arrange
      const { EventBusArn } = await file.harness.eventBridge.send(
        new CreateEventBusCommand({ Name: 'upd-archived' }),
      );
      await file.harness.eventBridge.send(
        new CreateArchiveCommand({
          ArchiveName: 'upd-archive',
          EventSourceArn: EventBusArn,
          EventPattern: '{"detail-type":["old"]}',
        }),
      );

      // Act
      const updated = await file.harness.eventBridge.send(
        new UpdateArchiveCommand({
          ArchiveName: 'upd-archive',
          Description: 'only new',
          EventPattern: '{"detail-type":["new"]}',
          RetentionDays: 7,
        }),
      );
      await putEvent('upd-archived', 'old');
      await putEvent('upd-archived', 'new');
      await restart();
      const described = await file.harness.eventBridge.send(
        new DescribeArchiveCommand({ ArchiveName: 'upd-archive' }),
      );

      // Assert
      expect(updated).toMatchObject({ ArchiveArn: `${ARN_PREFIX}:archive/upd-archive`, State: 'ENABLED' });
      expect(updated.CreationTime).toBeInstanceOf(Date);
      expect(described).toMatchObject({
        Description: 'only new',
        EventPattern: '{"detail-type":["new"]}',
        RetentionDays: 7,
        EventCount: 1,
      });
    });

    it('should answer InvalidEventPatternException for a pattern CreateArchive would refuse', async () => {
      // Arrange
      const { Arn } = await file.harness.eventBridge.send(new DescribeEventBusCommand({}));
      await file.harness.eventBridge.send(
        new CreateArchiveCommand({ ArchiveName: 'upd-bad-pattern', EventSourceArn: Arn }),
      );

      // Act
      const update = file.harness.eventBridge.send(
        new UpdateArchiveCommand({ ArchiveName: 'upd-bad-pattern', EventPattern: '{"source":"not-a-list"}' }),
      );

      // Assert
      await expect(update).rejects.toBeInstanceOf(InvalidEventPatternException);
    });

    it('should answer ResourceNotFoundException for an archive that does not exist', async () => {
      await expect(
        file.harness.eventBridge.send(
          new UpdateArchiveCommand({ ArchiveName: 'upd-none', Description: 'x' }),
        ),
      ).rejects.toBeInstanceOf(ResourceNotFoundException);
    });

    it('should answer ValidationException for a negative retention', async () => {
      await expect(
        file.harness.eventBridge.send(
          new UpdateArchiveCommand({ ArchiveName: 'upd-archive', RetentionDays: -1 }),
        ),
      ).rejects.toMatchObject({ name: 'ValidationException' });
    });
  });

  describe('ListRuleNamesByTarget', () => {
    const target = 'arn:aws:sqs:us-east-1:000000000000:by-target';

    beforeAll(async () => {
      await file.harness.eventBridge.send(new CreateEventBusCommand({ Name: 'by-target-bus' }));
      for (const name of ['bt-a', 'bt-b', 'bt-c']) await ruleToTarget('by-target-bus', name, target);
      await ruleToTarget('by-target-bus', 'bt-other', 'arn:aws:sqs:us-east-1:000000000000:other');
    });

    it('should list the names of the rules with that target', async () => {
      // Act
      const listed = await file.harness.eventBridge.send(
        new ListRuleNamesByTargetCommand({ TargetArn: target, EventBusName: 'by-target-bus' }),
      );

      // Assert
      expect(listed.RuleNames).toEqual(['bt-a', 'bt-b', 'bt-c']);
      expect(listed.NextToken).toBeUndefined();
    });

    it('should page with Limit and NextToken', async () => {
      // Act
      const first = await file.harness.eventBridge.send(
        new ListRuleNamesByTargetCommand({ TargetArn: target, EventBusName: 'by-target-bus', Limit: 2 }),
      );
      const second = await file.harness.eventBridge.send(
        new ListRuleNamesByTargetCommand({
          TargetArn: target,
          EventBusName: `${ARN_PREFIX}:event-bus/by-target-bus`,
          Limit: 2,
          NextToken: first.NextToken,
        }),
      );

      // Assert
      expect(first.RuleNames).toEqual(['bt-a', 'bt-b']);
      expect(second.RuleNames).toEqual(['bt-c']);
      expect(second.NextToken).toBeUndefined();
    });

    it('should answer an empty list on the default bus when no rule there has the target', async () => {
      // Act
      const listed = await file.harness.eventBridge.send(
        new ListRuleNamesByTargetCommand({ TargetArn: target }),
      );

      // Assert
      expect(listed.RuleNames).toEqual([]);
    });

    it('should answer ResourceNotFoundException for a bus that does not exist', async () => {
      await expect(
        file.harness.eventBridge.send(
          new ListRuleNamesByTargetCommand({ TargetArn: target, EventBusName: 'no-such-bus' }),
        ),
      ).rejects.toBeInstanceOf(ResourceNotFoundException);
    });

    it('should answer ValidationException without a TargetArn or with an invalid NextToken', async () => {
      // Act
      const missing = file.harness.eventBridge.send(new ListRuleNamesByTargetCommand({ TargetArn: '' }));
      const badToken = file.harness.eventBridge.send(
        new ListRuleNamesByTargetCommand({
          TargetArn: target,
          EventBusName: 'by-target-bus',
          NextToken: 'bm9wZQ',
        }),
      );

      // Assert
      await expect(missing).rejects.toMatchObject({ name: 'ValidationException' });
      await expect(badToken).rejects.toMatchObject({ name: 'ValidationException' });
    });
  });
});
