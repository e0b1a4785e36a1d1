import {
  CreateEventBusCommand,
  DeleteRuleCommand,
  ListTagsForResourceCommand,
  PutRuleCommand,
  ResourceNotFoundException,
  type Tag,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-eventbridge';
import { harnessForFile } from './eventbridge-harness';

const ARN_PREFIX = 'arn:aws:events:us-east-1:000000000000';
const PATTERN = '{"source":["app"]}';

function tags(entries: Record<string, string>): Tag[] {
  return Object.entries(entries).map(([Key, Value]) => ({ Key, Value }));
}

describe('EventBridge TagResource, UntagResource and ListTagsForResource', () => {
  const file = harnessForFile();
  const restart = file.restart;

  async function tagsOf(arn: string): Promise<Tag[] | undefined> {
    return (await file.harness.eventBridge.send(new ListTagsForResourceCommand({ ResourceARN: arn }))).Tags;
  }

  async function createRule(name: string, busName?: string): Promise<string> {
    const { RuleArn } = await file.harness.eventBridge.send(
      new PutRuleCommand({ Name: name, EventPattern: PATTERN, ...(busName && { EventBusName: busName }) }),
    );
    return RuleArn as string;
  }

  describe('TagResource', () => {
    it('should tag a bus and a rule and keep the tags across a restart', async () => {
      // Arrange
      const { EventBusArn } = await file.harness.eventBridge.send(
        new CreateEventBusCommand({ Name: 'tag-bus' }),
      );
      const ruleArn = await createRule('tag-rule', 'tag-bus');

      // Act
      await file.harness.eventBridge.send(
        new TagResourceCommand({ ResourceARN: EventBusArn, Tags: tags({ team: 'orders', env: 'dev' }) }),
      );
      await file.harness.eventBridge.send(
        new TagResourceCommand({ ResourceARN: ruleArn, Tags: tags({ owner: 'me' }) }),
      );
      await restart();

      // Assert
      expect(await tagsOf(EventBusArn as string)).toEqual(tags({ env: 'dev', team: 'orders' }));
      expect(await tagsOf(ruleArn)).toEqual(tags({ owner: 'me' }));
    });

    it('should replace the value of a key the resource has already', async () => {
      // Arrange
      const ruleArn = await createRule('tag-overwrite');
      await file.harness.eventBridge.send(
        new TagResourceCommand({ ResourceARN: ruleArn, Tags: tags({ k: 'old' }) }),
      );

      // Act
      await file.harness.eventBridge.send(
        new TagResourceCommand({ ResourceARN: ruleArn, Tags: tags({ k: 'new' }) }),
      );

      // Assert
      expect(ruleArn).toBe(`${ARN_PREFIX}:rule/tag-overwrite`);
      expect(await tagsOf(ruleArn)).toEqual(tags({ k: 'new' }));
    });

    it('should answer ResourceNotFoundException for an ARN that names no bus or rule', async () => {
      // Act
      const missingRule = file.harness.eventBridge.send(
        new TagResourceCommand({ ResourceARN: `${ARN_PREFIX}:rule/no-such-rule`, Tags: tags({ k: 'v' }) }),
      );
      const missingBus = file.harness.eventBridge.send(
        new TagResourceCommand({
          ResourceARN: `${ARN_PREFIX}:event-bus/no-such-bus`,
          Tags: tags({ k: 'v' }),
        }),
      );

      // Assert
      await expect(missingRule).rejects.toBeInstanceOf(ResourceNotFoundException);
      await expect(missingBus).rejects.toBeInstanceOf(ResourceNotFoundException);
    });

    it('should answer ValidationException for a key that is too long or more than 50 tags', async () => {
      // Arrange
      const ruleArn = await createRule('tag-invalid');
      const many = Array.from({ length: 51 }, (_, index) => ({ Key: `k${index}`, Value: 'v' }));

      // Act
      const longKey = file.harness.eventBridge.send(
        new TagResourceCommand({ ResourceARN: ruleArn, Tags: [{ Key: 'k'.repeat(129), Value: 'v' }] }),
      );
      const tooMany = file.harness.eventBridge.send(
        new TagResourceCommand({ ResourceARN: ruleArn, Tags: many }),
      );

      // Assert
      await expect(longKey).rejects.toMatchObject({ name: 'ValidationException' });
      await expect(tooMany).rejects.toMatchObject({ name: 'ValidationException' });
    });
  });

  describe('UntagResource', () => {
    it('should remove the keys given, ignore unknown ones and keep the removal across a restart', async () => {
      // Arrange
      const ruleArn = await createRule('untag-rule');
      await file.harness.eventBridge.send(
        new TagResourceCommand({ ResourceARN: ruleArn, Tags: tags({ a: '1', b: '2', c: '3' }) }),
      );

      // Act
      await file.harness.eventBridge.send(
        new UntagResourceCommand({ ResourceARN: ruleArn, TagKeys: ['a', 'c', 'zz'] }),
      );
      await restart();

      // Assert
      expect(await tagsOf(ruleArn)).toEqual(tags({ b: '2' }));
    });

    it('should answer ResourceNotFoundException for an ARN that names no bus or rule', async () => {
      await expect(
        file.harness.eventBridge.send(
          new UntagResourceCommand({ ResourceARN: `${ARN_PREFIX}:rule/no-such-rule`, TagKeys: ['a'] }),
        ),
      ).rejects.toBeInstanceOf(ResourceNotFoundException);
    });
  });

  describe('ListTagsForResource', () => {
    it('should list the tags CreateEventBus and PutRule were given, across a restart', async () => {
      // Arrange
      const { EventBusArn } = await file.harness.eventBridge.send(
        new CreateEventBusCommand({ Name: 'tagged-at-birth', Tags: tags({ created: 'bus' }) }),
      );
      const { RuleArn } = await file.harness.eventBridge.send(
        new PutRuleCommand({
          Name: 'tagged-rule',
          EventBusName: 'tagged-at-birth',
          EventPattern: PATTERN,
          Tags: tags({ created: 'rule' }),
        }),
      );

      // Act
      await restart();
      const busTags = await tagsOf(EventBusArn as string);
      const ruleTags = await tagsOf(RuleArn as string);

      // Assert
      expect(busTags).toEqual(tags({ created: 'bus' }));
      expect(ruleTags).toEqual(tags({ created: 'rule' }));
    });

    it('should list no tags for an untagged resource', async () => {
      // Arrange
      const ruleArn = await createRule('untagged');

      // Act
      const listed = await tagsOf(ruleArn);

      // Assert
      expect(listed).toEqual([]);
    });

    it('should not give a new rule the tags of a deleted rule of the same name', async () => {
      // Arrange
      const { RuleArn } = await file.harness.eventBridge.send(
        new PutRuleCommand({ Name: 'reborn', EventPattern: PATTERN, Tags: tags({ old: 'yes' }) }),
      );
      await file.harness.eventBridge.send(new DeleteRuleCommand({ Name: 'reborn' }));

      // Act
      await createRule('reborn');
      const listed = await tagsOf(RuleArn as string);

      // Assert
      expect(listed).toEqual([]);
    });

    it('should answer ResourceNotFoundException for an ARN that names no bus or rule', async () => {
      await expect(tagsOf(`${ARN_PREFIX}:event-bus/no-such-bus`)).rejects.toBeInstanceOf(
        ResourceNotFoundException,
      );
    });
  });
});
