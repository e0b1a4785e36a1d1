import {
  CreateArchiveCommand,
  CreateEventBusCommand,
  DescribeArchiveCommand,
  DescribeEventBusCommand,
  type EventBridgeClient,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  type Target,
} from '@aws-sdk/client-eventbridge';
import { isRecord } from '../platform/template/template-types';
import { PropertyReader } from './property-reader';
import type { StackResources } from './stack-resources';

const isNotFound = (error: unknown): boolean =>
  (error as { name?: string }).name === 'ResourceNotFoundException';

const patternJson = (pattern: unknown): string | undefined =>
  pattern === undefined ? undefined : typeof pattern === 'string' ? pattern : JSON.stringify(pattern);

/**
 * Creates the template's event buses, archives, rules and rule targets on the local EventBridge.
 * Buses and archives a previous run created are kept (archives keep their events); rules and
 * targets are written every start (PutRule and PutTargets are upserts) and targets the template
 * no longer declares are removed.
 */
export async function provisionEvents(client: EventBridgeClient, stack: StackResources): Promise<void> {
  for (const resource of stack.list('event-bus')) {
    const reader = new PropertyReader(resource.logicalId, resource.properties);
    reader.ignore('Name', 'Tags', 'Policy', 'KmsKeyIdentifier');
    const description = reader.string('Description');
    const deadLetterConfig = reader.get('DeadLetterConfig');
    reader.assertAllKnown('AWS::Events::EventBus');
    const name = stack.physicalName(resource.logicalId);
    try {
      await client.send(new DescribeEventBusCommand({ Name: name }));
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await client.send(
        new CreateEventBusCommand({
          Name: name,
          ...(description !== undefined && { Description: description }),
          ...(isRecord(deadLetterConfig) && { DeadLetterConfig: deadLetterConfig }),
        }),
      );
    }
  }

  for (const resource of stack.list('archive')) {
    const reader = new PropertyReader(resource.logicalId, resource.properties);
    reader.ignore('ArchiveName', 'KmsKeyIdentifier');
    const input = {
      ArchiveName: stack.physicalName(resource.logicalId),
      EventSourceArn: reader.string('SourceArn'),
      EventPattern: patternJson(reader.get('EventPattern')),
      RetentionDays: reader.number('RetentionDays'),
      Description: reader.string('Description'),
    };
    reader.assertAllKnown('AWS::Events::Archive');
    try {
      await client.send(new DescribeArchiveCommand({ ArchiveName: input.ArchiveName }));
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await client.send(new CreateArchiveCommand(input));
    }
  }

  for (const resource of stack.list('rule')) {
    const reader = new PropertyReader(resource.logicalId, resource.properties);
    reader.ignore('Name', 'EventBusName', 'RoleArn', 'Tags');
    if (reader.get('ScheduleExpression') !== undefined) {
      reader.fail('scheduled rules (ScheduleExpression) are not supported by the local cloud');
    }
    const name = stack.physicalName(resource.logicalId);
    const eventBusName = stack.ruleBusName(resource.logicalId);
    const state = reader.string('State') ?? 'ENABLED';
    const rule = {
      Name: name,
      EventBusName: eventBusName,
      EventPattern: patternJson(reader.get('EventPattern')),
      State: state === 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS' ? 'ENABLED' : state,
      Description: reader.string('Description'),
    } as const;
    const targets = ((reader.get('Targets') as unknown[] | undefined) ?? []).map((target, index) =>
      toTarget(new PropertyReader(`${resource.logicalId}.Targets[${index}]`, isRecord(target) ? target : {})),
    );
    reader.assertAllKnown('AWS::Events::Rule');
    await client.send(new PutRuleCommand(rule as ConstructorParameters<typeof PutRuleCommand>[0]));
    const { Targets: existing = [] } = await client.send(
      new ListTargetsByRuleCommand({ Rule: name, EventBusName: eventBusName }),
    );
    const stale = existing
      .map((target) => target.Id as string)
      .filter((id) => !targets.some((t) => t.Id === id));
    if (stale.length > 0) {
      await client.send(new RemoveTargetsCommand({ Rule: name, EventBusName: eventBusName, Ids: stale }));
    }
    for (let start = 0; start < targets.length; start += 10) {
      const result = await client.send(
        new PutTargetsCommand({
          Rule: name,
          EventBusName: eventBusName,
          Targets: targets.slice(start, start + 10),
        }),
      );
      const failed = result.FailedEntries ?? [];
      if (failed.length > 0) {
        reader.fail(
          `targets rejected by the local EventBridge: ${failed.map((f) => `${f.TargetId}: ${f.ErrorMessage}`).join('; ')}`,
        );
      }
    }
  }
}

function toTarget(reader: PropertyReader): Target {
  reader.ignore('RoleArn');
  const target: Target = {
    Id: reader.string('Id'),
    Arn: reader.string('Arn'),
    Input: reader.string('Input'),
    InputPath: reader.string('InputPath'),
    InputTransformer: reader.get('InputTransformer') as Target['InputTransformer'],
    RetryPolicy: reader.get('RetryPolicy') as Target['RetryPolicy'],
    DeadLetterConfig: reader.get('DeadLetterConfig') as Target['DeadLetterConfig'],
    SqsParameters: reader.get('SqsParameters') as Target['SqsParameters'],
  };
  reader.assertAllKnown('rule target');
  return target;
}
