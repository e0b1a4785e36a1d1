import { ResourceAlreadyExistsError, ResourceNotFoundError, ValidationError } from '../errors';
import { compileEventPattern } from '../pattern-engine';
import { paginate } from '../protocol/pagination';
import type { ArchiveRecord } from '../records/eventbridge-records';
import {
  ARCHIVE_NAME,
  epochSeconds,
  LIST_LIMIT,
  type Operation,
  type OperationContext,
} from './operation-context';

function describe(context: OperationContext, archive: ArchiveRecord): Record<string, unknown> {
  const stats = context.store.archiveStats(archive.name);
  return {
    ArchiveName: archive.name,
    ArchiveArn: archive.arn,
    EventSourceArn: archive.eventSourceArn,
    ...(archive.description !== undefined && { Description: archive.description }),
    ...(archive.eventPattern !== undefined && { EventPattern: archive.eventPattern }),
    State: archive.state,
    RetentionDays: archive.retentionDays,
    SizeBytes: stats.sizeBytes,
    EventCount: stats.eventCount,
    CreationTime: epochSeconds(archive.createdAt),
  };
}

/** @throws ResourceNotFoundError when the archive does not exist. */
export function requireArchive(context: OperationContext, name: string): ArchiveRecord {
  const archive = context.store.getArchive(name);
  if (!archive) throw new ResourceNotFoundError(`Archive ${name} does not exist.`);
  return archive;
}

/** CreateArchive: records the events sent to a bus from now on (optionally only those matching a pattern). */
export const createArchive: Operation = (context, input) => {
  const name = input.requiredString('ArchiveName', ARCHIVE_NAME);
  const sourceArn = input.requiredString('EventSourceArn', { min: 1, max: 1600 });
  const description = input.optionalString('Description', { max: 512 });
  const eventPattern = input.optionalString('EventPattern', { max: 4096 });
  const retentionDays = input.optionalNumber('RetentionDays', { min: 0 }) ?? 0;
  if (!Number.isInteger(retentionDays)) throw new ValidationError('RetentionDays must be an integer.');
  if (eventPattern !== undefined) compileEventPattern(eventPattern);
  const busName = context.arns.busNameOfArn(sourceArn);
  if (busName === undefined) throw new ValidationError(`Parameter EventSourceArn is not valid: ${sourceArn}`);
  if (!context.store.getBus(busName)) throw new ResourceNotFoundError(`Event bus ${busName} does not exist.`);
  if (context.store.getArchive(name)) throw new ResourceAlreadyExistsError(`Archive ${name} already exists.`);
  const archive: ArchiveRecord = {
    name,
    arn: context.arns.archive(name),
    sourceBusName: busName,
    eventSourceArn: sourceArn,
    ...(description !== undefined && { description }),
    ...(eventPattern !== undefined && { eventPattern }),
    retentionDays,
    state: 'ENABLED',
    createdAt: context.now(),
  };
  context.store.putArchive(archive);
  context.routing.invalidate(busName);
  return { ArchiveArn: archive.arn, State: archive.state, CreationTime: epochSeconds(archive.createdAt) };
};

/**
 * UpdateArchive: changes the description, event pattern or retention of an archive; members left
 * out keep their values. Events archived already stay; the new pattern applies to later events.
 */
export const updateArchive: Operation = (context, input) => {
  const name = input.requiredString('ArchiveName', ARCHIVE_NAME);
  const description = input.optionalString('Description', { max: 512 });
  const eventPattern = input.optionalString('EventPattern', { max: 4096 });
  const retentionDays = input.optionalNumber('RetentionDays', { min: 0 });
  if (retentionDays !== undefined && !Number.isInteger(retentionDays))
    throw new ValidationError('RetentionDays must be an integer.');
  if (eventPattern !== undefined) compileEventPattern(eventPattern);
  const existing = requireArchive(context, name);
  const archive: ArchiveRecord = {
    ...existing,
    ...(description !== undefined && { description }),
    ...(eventPattern !== undefined && { eventPattern }),
    ...(retentionDays !== undefined && { retentionDays }),
  };
  context.store.putArchive(archive);
  context.routing.invalidate(archive.sourceBusName);
  return { ArchiveArn: archive.arn, State: archive.state, CreationTime: epochSeconds(archive.createdAt) };
};

/** DescribeArchive. */
export const describeArchive: Operation = (context, input) => {
  return describe(context, requireArchive(context, input.requiredString('ArchiveName', ARCHIVE_NAME)));
};

/** ListArchives: filtered by NamePrefix, EventSourceArn or State. */
export const listArchives: Operation = (context, input) => {
  const prefix = input.optionalString('NamePrefix', ARCHIVE_NAME);
  const sourceArn = input.optionalString('EventSourceArn', { min: 1, max: 1600 });
  const state = input.optionalString('State');
  const limit = input.optionalNumber('Limit', LIST_LIMIT);
  const token = input.optionalString('NextToken', { min: 1, max: 2048 });
  const archives = context.store
    .listArchives()
    .filter((archive) => prefix === undefined || archive.name.startsWith(prefix))
    .filter((archive) => sourceArn === undefined || archive.eventSourceArn === sourceArn)
    .filter((archive) => state === undefined || archive.state === state);
  const page = paginate(archives, limit, token);
  return {
    Archives: page.items.map((archive) => {
      const { Description: _description, EventPattern: _pattern, ...summary } = describe(context, archive);
      return summary;
    }),
    ...(page.nextToken && { NextToken: page.nextToken }),
  };
};

/** DeleteArchive: removes the archive and its events. */
export const deleteArchive: Operation = (context, input) => {
  const archive = requireArchive(context, input.requiredString('ArchiveName', ARCHIVE_NAME));
  context.store.deleteArchive(archive.name);
  context.routing.invalidate(archive.sourceBusName);
  return {};
};
