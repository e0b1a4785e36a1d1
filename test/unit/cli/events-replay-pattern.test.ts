import {
  DeleteRuleCommand,
  DescribeReplayCommand,
  RemoveTargetsCommand,
  StartReplayCommand,
} from '@aws-sdk/client-eventbridge';
import type { CommandContext } from '../../../cli/commands/command';
import { eventsReplay } from '../../../cli/commands/events-replay';
import { OperationError } from '../../../cli/errors';
import type { ReplayReport } from '../../../cli/operations';
import { Clients } from '../../../cli/target/clients';
import type { Target } from '../../../cli/target/target';
import { testTarget } from './operations/support/operation-context';
import {
  deletedRuleNames,
  eventBridge,
  notFound,
  stubReplayableStack,
  temporaryRuleNames,
} from './operations/support/replay-stack';

/** Runs `events replay --pattern` against the mocked clients, capturing what an operator sees. */
function replayWithPattern(on: Target = testTarget()): {
  result: Promise<number>;
  stdout: () => string;
  stderr: () => string;
} {
  let stdout = '';
  let stderr = '';
  const context: CommandContext = {
    io: { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd: '.' },
    target: on,
    clients: new Clients(on.clientSettings),
    args: [],
    options: { from: 'now-1h', pattern: '{"source":["shop"]}', json: true },
    json: true,
  };
  return { result: eventsReplay.run(context), stdout: () => stdout, stderr: () => stderr };
}

beforeEach(() => {
  // The flow recorder's rule takes any event of the account, so replayWithPattern's --pattern can narrow it.
  stubReplayableStack('{"account":["123456789012"]}');
  // The replay's name is free.
  eventBridge.on(DescribeReplayCommand).rejectsOnce(notFound());
});

describe('events replay --pattern, when things go wrong', () => {
  it('should remove its rules and report the refusal when EventBridge refuses the replay', async () => {
    // Arrange
    eventBridge
      .on(StartReplayCommand)
      .rejects(
        Object.assign(new Error('Parameter EventStartTime is not valid.'), { name: 'ValidationException' }),
      );

    // Act
    const run = replayWithPattern();

    // Assert
    await expect(run.result).rejects.toThrow(OperationError);
    await expect(run.result).rejects.toThrow(
      'EventBridge refused the replay: Parameter EventStartTime is not valid.',
    );
    expect(temporaryRuleNames()).toEqual([
      expect.stringMatching(/^switchyard-replay-flow-recorder\.[0-9a-f]{8}$/),
    ]);
    expect(deletedRuleNames()).toEqual(temporaryRuleNames());
  });

  it('should keep the refusal, with a warning, when its rules cannot be removed either', async () => {
    // Arrange
    eventBridge
      .on(StartReplayCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    eventBridge
      .on(RemoveTargetsCommand)
      .rejects(Object.assign(new Error('Access denied'), { name: 'AccessDeniedException' }));

    // Act
    const run = replayWithPattern();

    // Assert
    await expect(run.result).rejects.toThrow('EventBridge refused the replay: Rate exceeded');
    expect(run.stderr()).toMatch(
      /warning: could not remove the temporary replay rules switchyard-replay-flow-recorder\.[0-9a-f]{8} \(Access denied\); they match only this replay/,
    );
  });

  it('should still report a completed replay when its rules cannot be removed afterwards', async () => {
    // Arrange
    eventBridge.on(StartReplayCommand).resolves({ ReplayArn: 'arn:replay' });
    eventBridge.on(DescribeReplayCommand).rejectsOnce(notFound()).resolves({ State: 'COMPLETED' });
    eventBridge
      .on(DeleteRuleCommand)
      .rejects(Object.assign(new Error('Access denied'), { name: 'AccessDeniedException' }));

    // Act
    const run = replayWithPattern();
    const code = await run.result;

    // Assert
    expect(code).toBe(0);
    expect(JSON.parse(run.stdout()) as ReplayReport).toMatchObject({
      state: 'COMPLETED',
      pattern: { source: ['shop'] },
    });
    expect(run.stderr()).toMatch(/warning: could not remove the temporary replay rules/);
  });

  it('should give new rules time to take effect before the replay, and deliveries time to land before removing them', async () => {
    // Arrange: AWS-like waits, shortened
    eventBridge.on(StartReplayCommand).resolves({ ReplayArn: 'arn:replay' });
    eventBridge.on(DescribeReplayCommand).rejectsOnce(notFound()).resolves({ State: 'COMPLETED' });

    // Act
    const startedAt = Date.now();
    const run = replayWithPattern(testTarget({ replayRuleSettleMs: 20, replayRuleGraceMs: 30 }));
    const code = await run.result;
    const elapsedMs = Date.now() - startedAt;

    // Assert: each wait is announced, and comes between the calls it separates
    expect(code).toBe(0);
    expect(elapsedMs).toBeGreaterThanOrEqual(50);
    const stderr = run.stderr();
    const settle = stderr.indexOf('waiting 0.02 s for the temporary rules to take effect');
    const grace = stderr.indexOf(
      'waiting 0.03 s for deliveries in flight before removing the temporary rules',
    );
    expect(settle).toBeGreaterThanOrEqual(0);
    expect(grace).toBeGreaterThan(settle);
    const order = eventBridge.calls().map((call) => (call.args[0] as object).constructor.name);
    expect(order.indexOf('StartReplayCommand')).toBeGreaterThan(order.lastIndexOf('PutTargetsCommand'));
    expect(order.indexOf('DeleteRuleCommand')).toBeGreaterThan(order.lastIndexOf('DescribeReplayCommand'));
  });
});
