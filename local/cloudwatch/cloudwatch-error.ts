import type { QueryCompatibleError } from '../endpoint/query-compatible-json';

/**
 * An error CloudWatch answers with. `code` is the modeled error (the SDK's `error.name`),
 * `queryCode` the legacy code query-compatible clients read as `error.Code`.
 */
export class CloudWatchError extends Error implements QueryCompatibleError {
  constructor(
    readonly code: string,
    readonly queryCode: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = code;
  }

  get fault(): 'Sender' | 'Receiver' {
    return this.status < 500 ? 'Sender' : 'Receiver';
  }
}

export const invalidParameterValue = (message: string): CloudWatchError =>
  new CloudWatchError('InvalidParameterValueException', 'InvalidParameterValue', message);

export const missingParameter = (name: string): CloudWatchError =>
  new CloudWatchError(
    'MissingRequiredParameterException',
    'MissingParameter',
    `The parameter ${name} is required.`,
  );

export const invalidParameterCombination = (message: string): CloudWatchError =>
  new CloudWatchError('InvalidParameterCombinationException', 'InvalidParameterCombination', message);
