import {
  CreateEventBusCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { type EventBridgeHarness, startEventBridgeHarness } from './eventbridge-harness';

describe('PutEvents validation', () => {
  let harness: EventBridgeHarness;
  let queueUrl: string;

  beforeAll(async () => {
    harness = await startEventBridgeHarness();
    const queue = await harness.createQueue('validation-all');
    queueUrl = queue.url;
    await harness.eventBridge.send(
      new PutRuleCommand({ Name: 'all', EventPattern: '{"source":[{"prefix":""}]}' }),
    );
    await harness.eventBridge.send(
      new PutTargetsCommand({ Rule: 'all', Targets: [{ Id: 'q', Arn: queue.arn }] }),
    );
  });

  afterAll(async () => {
    await harness.stop();
  });

  it('should fail invalid entries one by one and deliver the valid ones', async () => {
    // Act
    const result = await harness.eventBridge.send(
      new PutEventsCommand({
        Entries: [
          {
            Source: 'ok',
            DetailType: 't',
            Detail: '{"n":1}',
            Resources: ['arn:aws:s3:::b'],
            Time: new Date('2026-02-03T04:05:06Z'),
          },
          { DetailType: 't', Detail: '{}' },
          { Source: 's', Detail: '{}' },
          { Source: 's', DetailType: 't' },
          { Source: 's', DetailType: 't', Detail: '[1,2]' },
          { Source: 's', DetailType: 't', Detail: 'not json' },
          { Source: 's', DetailType: 't', Detail: '{}', EventBusName: 'missing-bus' },
          { Source: 'aws.ec2', DetailType: 't', Detail: '{}' },
        ],
      }),
    );
    const delivered = await harness.drain(queueUrl);

    // Assert
    expect(result.FailedEntryCount).toBe(7);
    expect(result.Entries?.[0]?.EventId).toEqual(expect.any(String));
    expect(result.Entries?.slice(1).map((entry) => entry.ErrorCode)).toEqual([
      'InvalidArgument',
      'InvalidArgument',
      'InvalidArgument',
      'MalformedDetail',
      'MalformedDetail',
      'ResourceNotFoundException',
      'NotAuthorizedForSourceException',
    ]);
    expect(result.Entries?.[1]?.ErrorMessage).toBe(
      'Parameter Source is not valid. Reason: Source is a required argument.',
    );
    expect(delivered).toHaveLength(1);
    expect(JSON.parse(delivered[0]?.Body ?? '{}')).toMatchObject({
      time: '2026-02-03T04:05:06Z',
      resources: ['arn:aws:s3:::b'],
      detail: { n: 1 },
    });
  });

  it('should reject more than 10 entries without writing any', async () => {
    // Act
    const put = harness.eventBridge.send(
      new PutEventsCommand({
        Entries: Array.from({ length: 11 }, () => ({ Source: 'many', DetailType: 't', Detail: '{}' })),
      }),
    );

    // Assert
    await expect(put).rejects.toMatchObject({
      name: 'ValidationException',
      $metadata: { httpStatusCode: 400 },
    });
    expect(await harness.drain(queueUrl)).toHaveLength(0);
  });

  it('should reject a request whose entries exceed 1 MiB as EventBridge sizes them', async () => {
    // Arrange: Source + DetailType + Detail bytes, plus 14 for Time, just over the limit.
    const detail = JSON.stringify({ pad: 'x'.repeat(1024 * 1024 - 30) });
    const padding = 1024 * 1024 + 1 - Buffer.byteLength(detail) - 14 - 1;

    // Act
    const put = harness.eventBridge.send(
      new PutEventsCommand({
        Entries: [{ Source: 's'.repeat(padding), DetailType: 't', Detail: detail, Time: new Date() }],
      }),
    );

    // Assert
    await expect(put).rejects.toThrow('Total size of the entries in the request is over the limit.');
    expect(await harness.drain(queueUrl)).toHaveLength(0);
  });

  it('should accept entries of exactly 1 MiB', async () => {
    // Arrange: a bus without rules, since the envelope would exceed what an SQS target accepts.
    await harness.eventBridge.send(new CreateEventBusCommand({ Name: 'big-events' }));
    const detail = JSON.stringify({ pad: 'x'.repeat(1024 * 1024 - 30) });
    const source = 's'.repeat(1024 * 1024 - Buffer.byteLength(detail) - 1);

    // Act
    const result = await harness.eventBridge.send(
      new PutEventsCommand({
        Entries: [{ Source: source, DetailType: 't', Detail: detail, EventBusName: 'big-events' }],
      }),
    );

    // Assert
    expect(result.FailedEntryCount).toBe(0);
  });
});
