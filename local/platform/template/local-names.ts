import { createHash } from 'node:crypto';

/**
 * A deterministic physical name for a resource the template leaves unnamed, so a restart finds
 * the same queues and tables again: `<stack>-<logicalId>`, shortened with a hash suffix when the
 * service limits names to `maxLength`.
 */
export function localPhysicalName(
  stackName: string,
  logicalId: string,
  maxLength: number,
  suffix = '',
): string {
  const name = `${stackName}-${logicalId}`;
  if (name.length + suffix.length <= maxLength) return `${name}${suffix}`;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, maxLength - suffix.length - hash.length - 1)}-${hash}${suffix}`;
}

/** A short id of the shape API Gateway gives REST APIs and resources (10 lowercase characters). */
export function localResourceId(stackName: string, logicalId: string): string {
  return createHash('sha256').update(`${stackName}/${logicalId}`).digest('hex').slice(0, 10);
}

/** The API Gateway types whose `Ref` is an id API Gateway generates (`localResourceId` locally). */
export const GENERATED_API_ID_TYPES: ReadonlySet<string> = new Set([
  'AWS::ApiGateway::RestApi',
  'AWS::ApiGateway::Resource',
  'AWS::ApiGateway::Deployment',
  'AWS::ApiGateway::Authorizer',
  'AWS::ApiGateway::RequestValidator',
]);

/** The id of a REST API's root resource (`Fn::GetAtt <api>.RootResourceId`). */
export function localRootResourceId(stackName: string, restApiLogicalId: string): string {
  return localResourceId(stackName, `${restApiLogicalId}/`);
}
