import { AwsServiceError } from '../endpoint';

/**
 * An error CloudWatch answers with. `code` is the modeled error (the SDK's `error.name`),
 * `queryCode` the legacy code query-compatible clients read as `error.Code`; the fault follows
 * the status.
 */
export class CloudWatchError extends AwsServiceError {
  constructor(code: string, queryCode: string, message: string, statusCode = 400) {
    super(code, message, { statusCode, queryCode });
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
