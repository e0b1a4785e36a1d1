/**
 * An error CloudWatch answers with. `code` is the modeled error (the SDK's `error.name`),
 * `queryCode` the legacy code query-compatible clients read as `error.Code`.
 */
export class CloudWatchError extends Error {
  constructor(
    readonly code: string,
    readonly queryCode: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
    this.name = code;
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
