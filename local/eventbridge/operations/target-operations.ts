import type { OperationInput } from '../../endpoint';
import { parseJsonPath } from '../engine/json-path';
import { targetKindOf } from '../engine/target-sender';
import { EventBridgeError } from '../errors';
import { paginate } from '../protocol/pagination';
import type { TargetRecord } from '../records/eventbridge-records';
import {
  BUS_NAME_OR_ARN,
  LIST_LIMIT,
  type Operation,
  RULE_NAME,
  requireBus,
  requireRule,
} from './operation-context';

/** AWS allows five targets per rule. */
const MAX_TARGETS_PER_RULE = 5;
const TARGET_ID = { min: 1, max: 64, pattern: /^[.\-_A-Za-z0-9]+$/ };
const SQS_ARN = /^arn:[^:]+:sqs:[^:]*:[^:]*:[^:]+$/;

/** Reads one target's structure (an item of the request's `Targets`); type errors here fail the whole request. */
function readTarget(request: OperationInput, raw: unknown): TargetRecord {
  const target = request.nested({ Targets: raw }).requiredStructure('Targets');
  const transformer = target.optionalStructure('InputTransformer');
  const retry = target.optionalStructure('RetryPolicy');
  const deadLetter = target.optionalStructure('DeadLetterConfig');
  const sqs = target.optionalStructure('SqsParameters');
  const pathsMap = transformer?.optionalStructure('InputPathsMap');
  const paths: Record<string, string> = {};
  for (const key of Object.keys(pathsMap?.members ?? {})) paths[key] = pathsMap?.requiredString(key) ?? '';
  const input = target.optionalString('Input', { max: 8192 });
  const inputPath = target.optionalString('InputPath', { max: 256 });
  const roleArn = target.optionalString('RoleArn', { min: 1, max: 1600 });
  const maxRetries = retry?.optionalNumber('MaximumRetryAttempts');
  const maxAge = retry?.optionalNumber('MaximumEventAgeInSeconds');
  const dlqArn = deadLetter?.optionalString('Arn', { min: 1, max: 1600 });
  const groupId = sqs?.optionalString('MessageGroupId');
  return {
    Id: target.requiredString('Id', TARGET_ID),
    Arn: target.requiredString('Arn', { min: 1, max: 1600 }),
    ...(roleArn !== undefined && { RoleArn: roleArn }),
    ...(input !== undefined && { Input: input }),
    ...(inputPath !== undefined && { InputPath: inputPath }),
    ...(transformer && {
      InputTransformer: {
        ...(pathsMap && { InputPathsMap: paths }),
        InputTemplate: transformer.requiredString('InputTemplate', { min: 1, max: 8192 }),
      },
    }),
    ...(retry && {
      RetryPolicy: {
        ...(maxRetries !== undefined && { MaximumRetryAttempts: maxRetries }),
        ...(maxAge !== undefined && { MaximumEventAgeInSeconds: maxAge }),
      },
    }),
    ...(deadLetter && { DeadLetterConfig: dlqArn === undefined ? {} : { Arn: dlqArn } }),
    ...(sqs && { SqsParameters: groupId === undefined ? {} : { MessageGroupId: groupId } }),
  };
}

/** What makes a well-formed target unusable; reported per target in FailedEntries. */
function problemWith(target: TargetRecord): string | undefined {
  if (targetKindOf(target.Arn) === undefined) {
    return `Target ${target.Arn} is not supported by the local endpoint (SQS queues and Lambda functions are).`;
  }
  const inputs = [target.Input, target.InputPath, target.InputTransformer].filter(
    (value) => value !== undefined,
  );
  if (inputs.length > 1) return 'Only one of Input, InputPath, or InputTransformer can be provided.';
  if (target.Input !== undefined && !isJson(target.Input)) return 'Input is not valid JSON text.';
  if (target.InputPath !== undefined && !parseJsonPath(target.InputPath)) {
    return `InputPath ${target.InputPath} is not a valid JSONPath.`;
  }
  const paths = Object.entries(target.InputTransformer?.InputPathsMap ?? {});
  if (paths.length > 100) return 'InputPathsMap has more than 100 entries.';
  for (const [key, path] of paths) {
    if (!/^[A-Za-z0-9_-]+$/.test(key) || key.startsWith('aws.'))
      return `InputPathsMap key ${key} is not valid.`;
    if (!parseJsonPath(path)) return `InputPathsMap value ${path} is not a valid JSONPath.`;
  }
  const retries = target.RetryPolicy?.MaximumRetryAttempts;
  if (retries !== undefined && (!Number.isInteger(retries) || retries < 0 || retries > 185)) {
    return 'MaximumRetryAttempts must be an integer between 0 and 185.';
  }
  const age = target.RetryPolicy?.MaximumEventAgeInSeconds;
  if (age !== undefined && (!Number.isInteger(age) || age < 60 || age > 86_400)) {
    return 'MaximumEventAgeInSeconds must be an integer between 60 and 86400.';
  }
  const dlq = target.DeadLetterConfig?.Arn;
  if (dlq !== undefined && !SQS_ARN.test(dlq)) return `Dead-letter queue ${dlq} is not an SQS queue ARN.`;
  return undefined;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** PutTargets: adds or replaces up to 10 targets; unusable ones are reported in FailedEntries. */
export const putTargets: Operation = (context, input) => {
  const ruleName = input.requiredString('Rule', RULE_NAME);
  const bus = requireBus(context, input.optionalString('EventBusName', BUS_NAME_OR_ARN));
  const targets = input.requiredList('Targets', { min: 1, max: 10 }).map((raw) => readTarget(input, raw));
  const rule = requireRule(context, bus, ruleName);
  const existing = new Set(context.store.listTargets(bus.name, rule.name).map((target) => target.Id));
  const failed: Array<{ TargetId: string; ErrorCode: string; ErrorMessage: string }> = [];
  const accepted: TargetRecord[] = [];
  for (const target of targets) {
    const problem = problemWith(target);
    if (problem)
      failed.push({ TargetId: target.Id, ErrorCode: 'ValidationException', ErrorMessage: problem });
    else accepted.push(target);
  }
  const total = new Set([...existing, ...accepted.map((target) => target.Id)]).size;
  if (total > MAX_TARGETS_PER_RULE) {
    throw new EventBridgeError(
      'LimitExceededException',
      `The requested resource exceeds the maximum number allowed (${MAX_TARGETS_PER_RULE} targets per rule).`,
    );
  }
  context.store.transaction(() => {
    for (const target of accepted) context.store.putTarget(bus.name, rule.name, target);
  });
  context.routing.invalidate(bus.name);
  return { FailedEntryCount: failed.length, FailedEntries: failed };
};

/** RemoveTargets: removes targets by id; ids that are not there are ignored, as in AWS. */
export const removeTargets: Operation = (context, input) => {
  const ruleName = input.requiredString('Rule', RULE_NAME);
  const bus = requireBus(context, input.optionalString('EventBusName', BUS_NAME_OR_ARN));
  const ids = input.optionalStringList('Ids', { ...TARGET_ID, maxItems: 100 });
  if (!ids || ids.length === 0) input.requiredList('Ids', { min: 1 });
  const rule = requireRule(context, bus, ruleName);
  context.store.transaction(() => {
    for (const id of ids ?? []) context.store.deleteTarget(bus.name, rule.name, id);
  });
  context.routing.invalidate(bus.name);
  return { FailedEntryCount: 0, FailedEntries: [] };
};

/** ListTargetsByRule. */
export const listTargetsByRule: Operation = (context, input) => {
  const ruleName = input.requiredString('Rule', RULE_NAME);
  const bus = requireBus(context, input.optionalString('EventBusName', BUS_NAME_OR_ARN));
  const limit = input.optionalNumber('Limit', LIST_LIMIT);
  const token = input.optionalString('NextToken', { min: 1, max: 2048 });
  const rule = requireRule(context, bus, ruleName);
  const page = paginate(context.store.listTargets(bus.name, rule.name), limit, token);
  return { Targets: page.items, ...(page.nextToken && { NextToken: page.nextToken }) };
};
