import {
  IllegalStatusError,
  ResourceAlreadyExistsError,
  ResourceNotFoundError,
  ValidationError,
} from '../errors';
import { paginate } from '../protocol/pagination';
import type { ReplayRecord } from '../records/eventbridge-records';
import { requireArchive } from './archive-operations';
import { epochSeconds, LIST_LIMIT, type Operation, REPLAY_NAME } from './operation-context';

function describe(replay: ReplayRecord): Record<string, unknown> {
  return {
    ReplayName: replay.name,
    ReplayArn: replay.arn,
    ...(replay.description !== undefined && { Description: replay.description }),
    State: replay.state,
    ...(replay.stateReason !== undefined && { StateReason: replay.stateReason }),
    EventSourceArn: replay.eventSourceArn,
    Destination: { Arn: replay.destinationArn, ...(replay.filterArns && { FilterArns: replay.filterArns }) },
    EventStartTime: epochSeconds(replay.eventStartTime),
    EventEndTime: epochSeconds(replay.eventEndTime),
    ...(replay.eventLastReplayedTime !== undefined && {
      EventLastReplayedTime: epochSeconds(replay.eventLastReplayedTime),
    }),
    ReplayStartTime: epochSeconds(replay.replayStartTime),
    ...(replay.replayEndTime !== undefined && { ReplayEndTime: epochSeconds(replay.replayEndTime) }),
  };
}

/**
 * StartReplay: re-sends the archive's events from [EventStartTime, EventEndTime] to the rules of
 * its source bus (only FilterArns' rules when given). Runs in the background; DescribeReplay
 * reports STARTING, RUNNING, then COMPLETED.
 */
export const startReplay: Operation = (context, input) => {
  const name = input.requiredString('ReplayName', REPLAY_NAME);
  const description = input.optionalString('Description', { max: 512 });
  const sourceArn = input.requiredString('EventSourceArn', { min: 1, max: 1600 });
  const start = input.requiredTimestamp('EventStartTime');
  const end = input.requiredTimestamp('EventEndTime');
  const destination = input.requiredStructure('Destination');
  const destinationArn = destination.requiredString('Arn', { min: 1, max: 1600 });
  const filterArns = destination.optionalStringList('FilterArns', { min: 1, max: 1600 });
  if (start >= end)
    throw new ValidationError(
      'Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.',
    );
  if (end > context.now())
    throw new ValidationError(
      'Parameter EventEndTime is not valid. Reason: EventEndTime must not be in the future.',
    );
  const archiveName = context.arns.archiveNameOf(sourceArn);
  if (archiveName === undefined)
    throw new ValidationError(`Parameter EventSourceArn is not valid: ${sourceArn}`);
  const archive = requireArchive(context, archiveName);
  const busName = context.arns.busNameOfArn(destinationArn);
  if (busName === undefined)
    throw new ValidationError(`Parameter Destination.Arn is not valid: ${destinationArn}`);
  if (!context.store.getBus(busName)) throw new ResourceNotFoundError(`Event bus ${busName} does not exist.`);
  if (busName !== archive.sourceBusName) {
    throw new ValidationError(
      'Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.',
    );
  }
  if (context.store.getReplay(name)) throw new ResourceAlreadyExistsError(`Replay ${name} already exists.`);
  const replay: ReplayRecord = {
    name,
    arn: context.arns.replay(name),
    ...(description !== undefined && { description }),
    archiveName: archive.name,
    eventSourceArn: sourceArn,
    destinationArn,
    destinationBusName: busName,
    ...(filterArns && { filterArns }),
    eventStartTime: start,
    eventEndTime: end,
    state: 'STARTING',
    replayStartTime: context.now(),
    lastReplayedSeq: 0,
  };
  context.store.putReplay(replay);
  context.replays.start(name);
  return {
    ReplayArn: replay.arn,
    State: replay.state,
    ReplayStartTime: epochSeconds(replay.replayStartTime),
  };
};

/** DescribeReplay. */
export const describeReplay: Operation = (context, input) => {
  const name = input.requiredString('ReplayName', REPLAY_NAME);
  const replay = context.store.getReplay(name);
  if (!replay) throw new ResourceNotFoundError(`Replay ${name} does not exist.`);
  return describe(replay);
};

/** ListReplays: filtered by NamePrefix, State or EventSourceArn. */
export const listReplays: Operation = (context, input) => {
  const prefix = input.optionalString('NamePrefix', REPLAY_NAME);
  const state = input.optionalString('State');
  const sourceArn = input.optionalString('EventSourceArn');
  const limit = input.optionalNumber('Limit', LIST_LIMIT);
  const token = input.optionalString('NextToken', { min: 1, max: 2048 });
  const replays = context.store
    .listReplays()
    .filter((replay) => prefix === undefined || replay.name.startsWith(prefix))
    .filter((replay) => state === undefined || replay.state === state)
    .filter((replay) => sourceArn === undefined || replay.eventSourceArn === sourceArn);
  const page = paginate(replays, limit, token);
  return { Replays: page.items.map(describe), ...(page.nextToken && { NextToken: page.nextToken }) };
};

/** CancelReplay: a STARTING or RUNNING replay stops after its current batch and ends CANCELLED. */
export const cancelReplay: Operation = (context, input) => {
  const name = input.requiredString('ReplayName', REPLAY_NAME);
  const replay = context.store.getReplay(name);
  if (!replay) throw new ResourceNotFoundError(`Replay ${name} does not exist.`);
  if (replay.state !== 'STARTING' && replay.state !== 'RUNNING') {
    throw new IllegalStatusError(`Replay ${name} is not in a state that can be cancelled (${replay.state}).`);
  }
  context.store.putReplay({ ...replay, state: 'CANCELLING' });
  return { ReplayArn: replay.arn, State: 'CANCELLING' };
};
