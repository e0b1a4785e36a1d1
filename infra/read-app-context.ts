import type { App } from 'aws-cdk-lib';
import { API_GATEWAY_CLOUDWATCH_ROLE_CHOICES, isApiGatewayCloudWatchRole } from './constructs/ingest-api';
import type { SwitchyardStackProps } from './stack';

/** The context keys the app reads (`cdk.json` or `-c key=value`). */
export const ContextKeys = {
  stackName: 'switchyard:stackName',
  webhookAllowedHosts: 'switchyard:webhookAllowedHosts',
  alarmEmails: 'switchyard:alarmEmails',
  apiGatewayCloudWatchRole: 'switchyard:apiGatewayCloudWatchRole',
} as const;

/** The stack the app deploys, as its context configures it. */
export interface AppContext {
  readonly stackName: string;
  readonly props: SwitchyardStackProps;
}

/**
 * Reads the app's context into the stack's name and props. A value outside its allowed set
 * throws at synth with the key and the value given.
 */
export const readAppContext = (app: App): AppContext => {
  const listContext = (key: string): string[] | undefined => {
    const value: unknown = app.node.tryGetContext(key);
    if (value === undefined) return undefined;
    if (Array.isArray(value)) return value.map(String);
    return String(value)
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  };
  const cloudWatchRole: unknown = app.node.tryGetContext(ContextKeys.apiGatewayCloudWatchRole);
  if (cloudWatchRole !== undefined && !isApiGatewayCloudWatchRole(cloudWatchRole)) {
    throw new Error(
      `Context ${ContextKeys.apiGatewayCloudWatchRole} must be ${API_GATEWAY_CLOUDWATCH_ROLE_CHOICES.join(' or ')} (given ${JSON.stringify(cloudWatchRole)})`,
    );
  }
  const stackName: unknown = app.node.tryGetContext(ContextKeys.stackName);
  return {
    stackName: stackName === undefined ? 'Switchyard' : String(stackName),
    props: {
      webhookAllowedHosts: listContext(ContextKeys.webhookAllowedHosts),
      alarmEmails: listContext(ContextKeys.alarmEmails),
      api: { cloudWatchRole },
    },
  };
};
