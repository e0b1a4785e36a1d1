/**
 * The account every local resource belongs to (queue URLs, ARNs, the stack's `AWS::AccountId`),
 * the twelve zeros local AWS emulators conventionally use.
 */
export const LOCAL_ACCOUNT_ID = '000000000000';
