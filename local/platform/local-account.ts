/**
 * The account every local resource belongs to (queue URLs, ARNs, the stack's `AWS::AccountId`),
 * the twelve zeros local AWS emulators conventionally use.
 */
export const LOCAL_ACCOUNT_ID = '000000000000';

/**
 * The one pair of credentials the local cloud gives its functions and writes to endpoints.json;
 * the AWS endpoint accepts any by default and only these with `--enforce-sigv4`.
 */
export const LOCAL_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' } as const;
