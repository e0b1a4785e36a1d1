import { AwsServiceError } from '../endpoint';

/**
 * Errors the EventBridge emulation answers with. Each carries the AWS error code (`__type`),
 * so SDK callers see the same `error.name` they would see in AWS; the protocol layer turns them
 * into HTTP responses, anything else becomes an `InternalException`. EventBridge speaks JSON
 * only: its errors have no query code of their own.
 */
export class EventBridgeError extends AwsServiceError {
  constructor(code: string, message: string, statusCode = 400) {
    super(code, message, { statusCode });
  }
}

/** A parameter is missing, malformed or out of range (`ValidationException`). */
export class ValidationError extends EventBridgeError {
  constructor(message: string) {
    super('ValidationException', message);
  }
}

/** The named bus, rule, archive or replay does not exist (`ResourceNotFoundException`). */
export class ResourceNotFoundError extends EventBridgeError {
  constructor(message: string) {
    super('ResourceNotFoundException', message);
  }
}

/** A bus, archive or replay of that name exists already (`ResourceAlreadyExistsException`). */
export class ResourceAlreadyExistsError extends EventBridgeError {
  constructor(message: string) {
    super('ResourceAlreadyExistsException', message);
  }
}

/** The request conflicts with the current state, e.g. a bus still has rules (`IllegalStatusException`). */
export class IllegalStatusError extends EventBridgeError {
  constructor(message: string) {
    super('IllegalStatusException', message);
  }
}

/** The event pattern is not valid JSON or breaks a pattern rule (`InvalidEventPatternException`). */
export class InvalidEventPatternError extends EventBridgeError {
  /** The reason alone, without the `Event pattern is not valid. Reason: ` preamble. */
  readonly reason: string;

  constructor(reason: string) {
    super('InvalidEventPatternException', `Event pattern is not valid. Reason: ${reason}`);
    this.reason = reason;
  }
}
