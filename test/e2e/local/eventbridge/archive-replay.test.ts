import {
  CancelReplayCommand,
  CreateArchiveCommand,
  CreateEventBusCommand,
  DeleteArchiveCommand,
  DescribeArchiveCommand,
  DescribeReplayCommand,
  type DescribeReplayCommandOutput,
  IllegalStatusException,
  ListArchivesCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  StartReplayCommand,
} from '@aws-sdk/client-eventbridge';
import { type EventBridgeHarness, startEventBridgeHarness } from './eventbridge-harness';

describe('EventBridge archives and replays', () => {
  let harness: EventBridgeHarness;
  let busArn: string;
  let archiveArn: string;
  let firstQueue: { url: string; arn: string };
  let secondQueue: { url: string; arn: string };
  let firstRuleArn: string;
  let windowStart: Date;

  beforeAll(async () => {
    harness = await startEventBridgeHarness();
    busArn = (await harness.eventBridge.send(new CreateEventBusCommand({ Name: 'history' })))
      .EventBusArn as string;
    firstQueue = await harness.createQueue('replay-first');
    secondQueue = await harness.createQueue('replay-second');
    firstRuleArn = await ruleToQueue('first', '{"source":[{"prefix":""}]}', firstQueue.arn);
    await ruleToQueue('second', '{"source":[{"prefix":""}]}', secondQueue.arn);
    archiveArn = (
      await harness.eventBridge.send(
        new CreateArchiveCommand({
          ArchiveName: 'kept',
          EventSourceArn: busArn,
          EventPattern: '{"source":["keep"]}',
          RetentionDays: 7,
        }),
      )
    ).ArchiveArn as string;
    windowStart = new Date(Date.now() - 60_000);
    await harness.eventBridge.send(
      new PutEventsCommand({
        Entries: ['keep', 'skip', 'keep'].map((source, index) => ({
          Source: source,
          DetailType: 't',
          Detail: JSON.stringify({ index }),
          EventBusName: 'history',
        })),
      }),
    );
    await harness.drain(firstQueue.url);
    await harness.drain(secondQueue.url);
  });

  afterAll(async () => {
    await harness.stop();
  });

  /** A rule on the `history` bus that sends what matches `pattern` to one queue; answers its ARN. */
  async function ruleToQueue(name: string, pattern: string, queueArn: string): Promise<string> {
    const { RuleArn } = await harness.eventBridge.send(
      new PutRuleCommand({ Name: name, EventBusName: 'history', EventPattern: pattern }),
    );
    await harness.eventBridge.send(
      new PutTargetsCommand({ Rule: name, EventBusName: 'history', Targets: [{ Id: 'q', Arn: queueArn }] }),
    );
    return RuleArn as string;
  }

  async function replayUntilDone(name: string, filterArns?: string[]): Promise<DescribeReplayCommandOutput> {
    const started = await harness.eventBridge.send(
      new StartReplayCommand({
        ReplayName: name,
        EventSourceArn: archiveArn,
        EventStartTime: windowStart,
        EventEndTime: new Date(),
        Destination: { Arn: busArn, ...(filterArns && { FilterArns: filterArns }) },
      }),
    );
    expect(started.State).toBe('STARTING');
    const deadline = Date.now() + 5000;
    for (;;) {
      const replay = await harness.eventBridge.send(new DescribeReplayCommand({ ReplayName: name }));
      if (replay.State === 'COMPLETED' || Date.now() > deadline) return replay;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('should record only the events matching the archive pattern', async () => {
    // Act
    const archive = await harness.eventBridge.send(new DescribeArchiveCommand({ ArchiveName: 'kept' }));
    const listed = await harness.eventBridge.send(new ListArchivesCommand({ EventSourceArn: busArn }));

    // Assert
    expect(archive).toMatchObject({
      ArchiveArn: 'arn:aws:events:us-east-1:000000000000:archive/kept',
      EventSourceArn: busArn,
      State: 'ENABLED',
      RetentionDays: 7,
      EventCount: 2,
    });
    expect(archive.SizeBytes).toBeGreaterThan(0);
    expect(listed.Archives?.map((item) => item.ArchiveName)).toEqual(['kept']);
  });

  it('should replay archived events to the bus rules, marked with the replay name', async () => {
    // Act
    const replay = await replayUntilDone('all-rules');
    const first = await harness.drain(firstQueue.url);
    const second = await harness.drain(secondQueue.url);

    // Assert
    expect(replay.State).toBe('COMPLETED');
    expect(replay.EventLastReplayedTime).toBeInstanceOf(Date);
    for (const messages of [first, second]) {
      const events = messages.map((message) => JSON.parse(message.Body ?? '{}'));
      expect(events.map((event) => event.detail.index).sort()).toEqual([0, 2]);
      expect(events.every((event) => event['replay-name'] === 'all-rules')).toBe(true);
    }
  });

  it('should replay only to the rules in FilterArns', async () => {
    // Act
    await replayUntilDone('first-only', [firstRuleArn]);
    const first = await harness.drain(firstQueue.url);
    const second = await harness.drain(secondQueue.url);

    // Assert
    expect(first).toHaveLength(2);
    expect(second).toHaveLength(0);
  });

  it('should not archive replayed events again', async () => {
    const archive = await harness.eventBridge.send(new DescribeArchiveCommand({ ArchiveName: 'kept' }));
    expect(archive.EventCount).toBe(2);
  });

  it("should let a rule match on replay-name, so it takes one replay's events and no live ones", async () => {
    // Arrange: a rule as `events replay --pattern` creates it, and a live event while it exists
    const pinnedQueue = await harness.createQueue('replay-pinned');
    const pinnedRuleArn = await ruleToQueue(
      'pinned',
      '{"source":["keep"],"replay-name":["pinned"]}',
      pinnedQueue.arn,
    );
    await harness.eventBridge.send(
      new PutEventsCommand({
        Entries: [{ Source: 'keep', DetailType: 't', Detail: '{"index":"live"}', EventBusName: 'history' }],
      }),
    );
    const live = await harness.drain(pinnedQueue.url);

    // Act
    await replayUntilDone('pinned', [pinnedRuleArn]);
    const replayed = await harness.drain(pinnedQueue.url);
    await harness.drain(firstQueue.url);
    await harness.drain(secondQueue.url);

    // Assert
    expect(live).toEqual([]);
    const events = replayed.map((message) => JSON.parse(message.Body ?? '{}'));
    expect(events.map((event) => event['replay-name'])).toEqual(['pinned', 'pinned', 'pinned']);
    expect(events.map((event) => event.detail.index).sort()).toEqual([0, 2, 'live']);
  });

  it('should refuse a replay name that exists and an archive that does not', async () => {
    const again = harness.eventBridge.send(
      new StartReplayCommand({
        ReplayName: 'all-rules',
        EventSourceArn: archiveArn,
        EventStartTime: windowStart,
        EventEndTime: new Date(),
        Destination: { Arn: busArn },
      }),
    );
    await expect(again).rejects.toBeInstanceOf(ResourceAlreadyExistsException);
    await expect(
      harness.eventBridge.send(new DescribeArchiveCommand({ ArchiveName: 'nope' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('should refuse to cancel a replay that has completed', async () => {
    await expect(
      harness.eventBridge.send(new CancelReplayCommand({ ReplayName: 'all-rules' })),
    ).rejects.toBeInstanceOf(IllegalStatusException);
  });

  it('should refuse a replay window that ends before it starts', async () => {
    const backwards = harness.eventBridge.send(
      new StartReplayCommand({
        ReplayName: 'backwards',
        EventSourceArn: archiveArn,
        EventStartTime: new Date(),
        EventEndTime: windowStart,
        Destination: { Arn: busArn },
      }),
    );
    await expect(backwards).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('should delete an archive', async () => {
    // Arrange
    await harness.eventBridge.send(
      new CreateArchiveCommand({ ArchiveName: 'short-lived', EventSourceArn: busArn }),
    );

    // Act
    await harness.eventBridge.send(new DeleteArchiveCommand({ ArchiveName: 'short-lived' }));

    // Assert
    await expect(
      harness.eventBridge.send(new DescribeArchiveCommand({ ArchiveName: 'short-lived' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});
