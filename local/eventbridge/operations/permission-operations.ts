import { isRecord } from '../../../common/is-record';
import { EventBridgeError, ResourceNotFoundError, ValidationError } from '../errors';
import type { EventBusRecord } from '../records/eventbridge-records';
import { BUS_NAME, type Operation, type OperationContext, requireBus } from './operation-context';

const STATEMENT_ID = { min: 1, max: 64, pattern: /^[a-zA-Z0-9-_]+$/ };
const ACTION = { min: 1, max: 64, pattern: /^events:[a-zA-Z]+$/ };
const PRINCIPAL = { pattern: /^(\d{12}|\*)$/ };
/** EventBridge limits a bus's resource-based policy to 10 KiB. */
const MAX_POLICY_LENGTH = 10_240;

/** One statement of a bus policy, as AWS writes it. */
type Statement = Record<string, unknown>;

/** The bus policy with its statements, or an empty one when the bus has none. */
function statementsOf(bus: EventBusRecord): Statement[] {
  if (bus.policy === undefined) return [];
  const policy: unknown = JSON.parse(bus.policy);
  const statements = isRecord(policy) ? policy.Statement : undefined;
  if (Array.isArray(statements)) return statements.filter(isRecord);
  return isRecord(statements) ? [statements] : [];
}

function withPolicy(
  context: OperationContext,
  bus: EventBusRecord,
  policy: string | undefined,
): EventBusRecord {
  const { policy: _previous, ...rest } = bus;
  return { ...rest, ...(policy !== undefined && { policy }), modifiedAt: context.now() };
}

function policyDocument(statements: readonly Statement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

function checkLength(policy: string): void {
  if (policy.length > MAX_POLICY_LENGTH) {
    throw new EventBridgeError(
      'PolicyLengthExceededException',
      `The event bus policy is ${policy.length} characters long, over the limit of ${MAX_POLICY_LENGTH}.`,
    );
  }
}

/**
 * PutPermission: lets another account (or everyone, `*`) put events to the bus, by adding a
 * statement to its policy (a statement with the same StatementId is replaced), or replaces the
 * whole policy with the `Policy` document given.
 */
export const putPermission: Operation = (context, input) => {
  const busName = input.optionalString('EventBusName', BUS_NAME);
  const policy = input.optionalString('Policy', { min: 1 });
  let statementFor: ((busArn: string) => Statement) | undefined;
  if (policy === undefined) {
    const action = input.requiredString('Action', ACTION);
    const principal = input.requiredString('Principal', PRINCIPAL);
    const statementId = input.requiredString('StatementId', STATEMENT_ID);
    const condition = input.optionalStructure('Condition');
    const type = condition?.requiredString('Type', { max: 256 });
    const key = condition?.requiredString('Key', { max: 256 });
    const value = condition?.requiredString('Value', { max: 256 });
    if (action !== 'events:PutEvents') {
      throw new ValidationError(`Provided value in parameter 'action' is not supported: ${action}`);
    }
    statementFor = (busArn) => ({
      Sid: statementId,
      Effect: 'Allow',
      Principal: principal === '*' ? '*' : { AWS: `arn:aws:iam::${principal}:root` },
      Action: action,
      Resource: busArn,
      ...(type !== undefined && key !== undefined && { Condition: { [type]: { [key]: value } } }),
    });
  } else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(policy);
    } catch {
      throw new ValidationError('Policy is not a valid JSON document.');
    }
    if (!isRecord(parsed) || parsed.Statement === undefined) {
      throw new ValidationError('Policy must be a JSON object with a Statement.');
    }
  }
  const bus = requireBus(context, busName);
  let document = policy ?? '';
  if (statementFor !== undefined) {
    const statement = statementFor(bus.arn);
    const kept = statementsOf(bus).filter((existing) => existing.Sid !== statement.Sid);
    document = policyDocument([...kept, statement]);
  }
  checkLength(document);
  context.store.putBus(withPolicy(context, bus, document));
  return {};
};

/**
 * RemovePermission: removes one statement (by StatementId) from the bus policy, or the whole
 * policy with RemoveAllPermissions.
 * @throws ResourceNotFoundError when the bus has no statement with that id.
 */
export const removePermission: Operation = (context, input) => {
  const busName = input.optionalString('EventBusName', BUS_NAME);
  const statementId = input.optionalString('StatementId', STATEMENT_ID);
  const removeAll = input.members.RemoveAllPermissions;
  if (removeAll !== undefined && typeof removeAll !== 'boolean') {
    throw new ValidationError(
      `1 validation error detected: Value '${JSON.stringify(removeAll)}' at 'removeAllPermissions' failed to satisfy constraint: Member must be a boolean`,
    );
  }
  if (removeAll !== true && statementId === undefined) {
    throw new ValidationError('One of StatementId or RemoveAllPermissions must be specified.');
  }
  const bus = requireBus(context, busName);
  if (removeAll === true) {
    context.store.putBus(withPolicy(context, bus, undefined));
    return {};
  }
  const statements = statementsOf(bus);
  const kept = statements.filter((statement) => statement.Sid !== statementId);
  if (kept.length === statements.length) {
    throw new ResourceNotFoundError('Statement with the provided id does not exist.');
  }
  context.store.putBus(withPolicy(context, bus, kept.length === 0 ? undefined : policyDocument(kept)));
  return {};
};
