import type { InputDialect, InputViolation, MemberType } from '../../endpoint';
import { OperationInput } from '../../endpoint';
import { EventBridgeError, ValidationError } from '../errors';

/** The constraint AWS names when a member has the wrong type. */
const TYPE_CONSTRAINTS: Readonly<Record<MemberType, string>> = {
  structure: 'Member must be a structure',
  string: 'Member must be a string',
  number: 'Member must be a number',
  integer: 'Member must be an integer',
  timestamp: 'Member must be a timestamp',
  list: 'Member must be a list',
  'string list': 'Member must be a list',
  'string map': 'Member must be a map',
};

/** AWS names members in validation messages in camelCase (`eventBusName`). */
function memberName(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function constraint({ type, rule }: InputViolation): string {
  switch (rule.kind) {
    case 'required':
      return 'Member must not be null';
    case 'type':
      return TYPE_CONSTRAINTS[type];
    case 'min-length':
      return `Member must have length greater than or equal to ${rule.limit}`;
    case 'max-length':
      return `Member must have length less than or equal to ${rule.limit}`;
    case 'min-value':
      return `Member must have value greater than or equal to ${rule.limit}`;
    case 'max-value':
      return `Member must have value less than or equal to ${rule.limit}`;
    case 'pattern':
      return `Member must satisfy regular expression pattern: ${rule.pattern.source}`;
  }
}

/** AWS's wording of a broken rule: `1 validation error detected: Value ... at '...' failed to satisfy constraint: ...`. */
function validationError(violation: InputViolation): ValidationError {
  const { value } = violation;
  const shown =
    value === undefined || value === null
      ? 'null'
      : `'${typeof value === 'string' ? value : JSON.stringify(value)}'`;
  return new ValidationError(
    `1 validation error detected: Value ${shown} at '${memberName(violation.member)}' failed to satisfy constraint: ${constraint(violation)}`,
  );
}

/**
 * How EventBridge reads its input: the checks AWS's API model applies (required, type, length,
 * pattern), answered as `ValidationException` with AWS's wording on the first violation.
 */
export const EVENTBRIDGE_INPUT: InputDialect = {
  notAnObject: () =>
    new EventBridgeError('SerializationException', 'Start of structure or map found where not expected.'),
  invalid: validationError,
};

/** A reader of one EventBridge operation's input. */
export const eventBridgeInput = (raw: unknown): OperationInput => new OperationInput(raw, EVENTBRIDGE_INPUT);
