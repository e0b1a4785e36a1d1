import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * Grants item-level actions on the table alone. `Table.grant` also covers `<table>/index/*`
 * once a table has an index, which is wider than any of our functions needs.
 */
export const grantTableItems = (
  table: dynamodb.ITable,
  grantee: iam.IGrantable,
  ...actions: string[]
): iam.Grant => iam.Grant.addToPrincipal({ grantee, actions, resourceArns: [table.tableArn] });
