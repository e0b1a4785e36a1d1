import {
  DescribeReplayCommand,
  ListRulesCommand,
  RemoveTargetsCommand,
  StartReplayCommand,
} from '@aws-sdk/client-eventbridge';
import { OperationError, UsageError } from '../../../../cli/errors';
import { replayArchive } from '../../../../cli/operations/replay-archive';
import type { ReplayParameters } from '../../../../cli/operations/replay-parameters';
import { REPLAY_RULE_PREFIX } from '../../../../infra/replay-rules';
import { testContext, testTarget } from './support/operation-context';
import {
  BUS_ARN,
  deletedRuleNames,
  eventBridge,
  FLOW_RULE_ARN,
  notFound,
  stubReplayableStack,
  temporaryRuleNames,
} from './support/replay-stack';

const HOUR_MS = 3_600_000;

/** The last hour, which has ended. */
const lastHour = (overrides: Partial<ReplayParameters> = {}): ReplayParameters => ({
  from: new Date(Date.now() - HOUR_MS),
  to: new Date(Date.now() - 1000),
  ...overrides,
});

const startedReplay = () => eventBridge.commandCalls(StartReplayCommand)[0]?.args[0].input;

beforeEach(() => {
  stubReplayableStack();
  eventBridge.on(StartReplayCommand).resolves({ ReplayArn: 'arn:replay' });
  // The name is free before the replay starts; then the replay runs and completes.
  eventBridge
    .on(DescribeReplayCommand)
    .rejectsOnce(notFound())
    .resolvesOnce({ State: 'RUNNING' })
    .resolves({ State: 'COMPLETED', EventLastReplayedTime: new Date('2026-11-29T15:00:00Z') });
});

describe('replayArchive', () => {
  it("should replay the window to the channels' rules into the archive's bus, and report the ending", async () => {
    // Arrange
    eventBridge.on(DescribeReplayCommand).resolves({ State: 'COMPLETED' });
    const parameters = lastHour({ channels: ['flow-recorder'], name: 'r-1' });
    const onProgress = jest.fn();

    // Act
    const report = await replayArchive(testContext(), parameters, { onProgress });

    // Assert
    expect(report).toEqual({
      replayName: 'r-1',
      replayArn: 'arn:replay',
      archiveName: 'archive',
      from: parameters.from.toISOString(),
      to: parameters.to?.toISOString(),
      filterArns: [FLOW_RULE_ARN],
      state: 'COMPLETED',
    });
    expect(startedReplay()).toMatchObject({
      ReplayName: 'r-1',
      EventStartTime: parameters.from,
      EventEndTime: parameters.to,
      Destination: { Arn: BUS_ARN, FilterArns: [FLOW_RULE_ARN] },
    });
    expect(onProgress).toHaveBeenCalledWith(
      expect.stringMatching(/^replay r-1: events from .* of archive to 1 rule\(s\)$/),
    );
    expect(onProgress).toHaveBeenLastCalledWith('COMPLETED');
  });

  it('should replay to every rule of the bus, up to now, under a generated name when given only a start', async () => {
    // Arrange
    eventBridge.on(DescribeReplayCommand).resolves({ State: 'COMPLETED' });
    const before = Date.now();

    // Act
    const report = await replayArchive(testContext(), { from: new Date(before - HOUR_MS) });

    // Assert
    expect(report.replayName).toMatch(/^switchyard-\d{14}-[0-9a-f]{6}$/);
    expect(Date.parse(report.to)).toBeGreaterThanOrEqual(before);
    expect(report.filterArns).toEqual([]);
    expect(startedReplay()?.Destination).toEqual({ Arn: BUS_ARN });
  });

  it('should resolve, not throw, with a replay that ended FAILED, and its reason', async () => {
    // Arrange
    eventBridge.on(DescribeReplayCommand).resolves({ State: 'FAILED', StateReason: 'archive deleted' });

    // Act
    const report = await replayArchive(testContext(), lastHour());

    // Assert
    expect(report).toMatchObject({ state: 'FAILED', stateReason: 'archive deleted' });
  });

  it('should replay a pattern through temporary rules, report them, and remove them once the replay ended', async () => {
    // Arrange
    const onProgress = jest.fn();

    // Act
    const report = await replayArchive(
      testContext(),
      lastHour({ pattern: '{"detail-type":["order.placed"]}' }),
      {
        onProgress,
      },
    );

    // Assert
    const [ruleName] = temporaryRuleNames();
    expect(ruleName).toMatch(/^switchyard-replay-flow-recorder\.[0-9a-f]{8}$/);
    expect(report).toMatchObject({
      state: 'COMPLETED',
      filterArns: [`arn:aws:events:eu-west-1:123456789012:rule/bus/${ruleName}`],
      pattern: { 'detail-type': ['order.placed'] },
      temporaryRules: [
        {
          name: ruleName,
          channel: 'flow-recorder',
          eventPattern: {
            source: ['com.example.shop'],
            'detail-type': ['order.placed'],
            'replay-name': [report.replayName],
          },
        },
      ],
    });
    expect(deletedRuleNames()).toEqual([ruleName]);
    expect(onProgress.mock.calls.map(([message]) => message)).toEqual([
      expect.stringMatching(/ matching --pattern, to flow-recorder$/),
      'RUNNING',
      'COMPLETED: last event replayed at 2026-11-29T15:00:00.000Z',
    ]);
  });

  it('should warn, and still report the replay, when the temporary rules cannot be removed', async () => {
    // Arrange
    eventBridge
      .on(RemoveTargetsCommand)
      .rejects(Object.assign(new Error('Access denied'), { name: 'AccessDeniedException' }));
    const onWarning = jest.fn();

    // Act
    const report = await replayArchive(
      testContext(),
      lastHour({ pattern: '{"source":["com.example.shop"]}' }),
      {
        onWarning,
      },
    );

    // Assert
    expect(report.state).toBe('COMPLETED');
    expect(onWarning).toHaveBeenCalledWith(
      expect.stringMatching(
        /^could not remove the temporary replay rules switchyard-replay-flow-recorder\.[0-9a-f]{8} \(Access denied\); they match only this replay/,
      ),
    );
  });

  it("should warn and carry on when earlier replays' rules cannot be tidied up", async () => {
    // Arrange
    eventBridge.on(ListRulesCommand, { NamePrefix: REPLAY_RULE_PREFIX }).rejects(new Error('Rate exceeded'));
    const onWarning = jest.fn();

    // Act
    const report = await replayArchive(
      testContext(),
      lastHour({ pattern: '{"source":["com.example.shop"]}' }),
      {
        onWarning,
      },
    );

    // Assert
    expect(report.state).toBe('COMPLETED');
    expect(onWarning).toHaveBeenCalledWith(
      "could not tidy up an earlier replay's rule (listing the rules: Rate exceeded); carrying on",
    );
  });

  it('should remove the temporary rules and start nothing when aborted while they take effect', async () => {
    // Arrange
    const controller = new AbortController();
    const context = testContext(testTarget({ replayRuleSettleMs: 60_000 }));
    const onProgress = jest.fn((message: string) => {
      if (message.startsWith('waiting')) controller.abort(new Error('the request was closed'));
    });

    // Act
    const result = replayArchive(context, lastHour({ pattern: '{"source":["com.example.shop"]}' }), {
      onProgress,
      signal: controller.signal,
    });

    // Assert
    await expect(result).rejects.toThrow('the request was closed');
    expect(eventBridge.commandCalls(StartReplayCommand)).toHaveLength(0);
    expect(deletedRuleNames()).toEqual(temporaryRuleNames());
  });

  it('should throw an OperationError, having removed its rules, when EventBridge refuses the replay', async () => {
    // Arrange
    eventBridge
      .on(StartReplayCommand)
      .rejects(
        Object.assign(new Error('Replay r-1 already exists.'), { name: 'ResourceAlreadyExistsException' }),
      );

    // Act
    const result = replayArchive(testContext(), lastHour({ pattern: '{"source":["com.example.shop"]}' }));

    // Assert
    await expect(result).rejects.toThrow(OperationError);
    await expect(result).rejects.toMatchObject({
      message: 'EventBridge refused the replay: Replay r-1 already exists.',
      next: 'pick another --name (replay names are unique per account and region)',
    });
    expect(deletedRuleNames()).toEqual(temporaryRuleNames());
  });

  it('should refuse to replay to the task channel, which no rule feeds', async () => {
    // Act
    const result = replayArchive(testContext(), lastHour({ channels: ['tasks'] }));

    // Assert
    await expect(result).rejects.toThrow(UsageError);
    await expect(result).rejects.toThrow(
      'tasks is fed by the API, not by the event bus, so it has nothing to replay',
    );
    expect(eventBridge.commandCalls(StartReplayCommand)).toHaveLength(0);
  });

  it.each<[string, () => ReplayParameters, RegExp]>([
    [
      'a start after the end',
      () => lastHour({ from: new Date(Date.now() - 1000), to: new Date(Date.now() - HOUR_MS) }),
      /^--from \(.*\) must be before --to \(.*\)$/,
    ],
    [
      'an end in the future',
      () => lastHour({ to: new Date(Date.now() + HOUR_MS) }),
      /^--to \(.*\) is in the future$/,
    ],
    [
      'a start that is no time',
      () => lastHour({ from: new Date('yesterday') }),
      /^--from is not a valid time/,
    ],
    ['a name EventBridge refuses', () => lastHour({ name: 'my replay' }), /^--name must be 1 to 64 of/],
    [
      'an invalid pattern',
      () => lastHour({ pattern: '{"source":"shop"}' }),
      /^--pattern is not a valid event pattern/,
    ],
    [
      'a pattern with rules',
      () => lastHour({ pattern: '{"source":["shop"]}', rules: ['FlowRule'] }),
      /^--pattern cannot be combined with --rule$/,
    ],
  ])('should refuse %s before any call', async (_case, parameters, message) => {
    // Act
    const result = replayArchive(testContext(), parameters());

    // Assert
    await expect(result).rejects.toThrow(UsageError);
    await expect(result).rejects.toThrow(message);
    expect(eventBridge.calls()).toHaveLength(0);
  });
});
