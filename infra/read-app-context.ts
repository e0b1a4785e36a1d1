import type { App } from 'aws-cdk-lib';
import { API_GATEWAY_CLOUDWATCH_ROLE_CHOICES, isApiGatewayCloudWatchRole } from './constructs/ingest-api';
import type { SwitchyardStackProps } from './stack';

/** The context keys the app reads (`cdk.json` or `-c key=value`). */
export const ContextKeys = {
  stackName: 'switchyard:stackName',
  webhookAllowedHosts: 'switchyard:webhookAllowedHosts',
  alarmEmails: 'switchyard:alarmEmails',
  apiGatewayCloudWatchRole: 'switchyard:apiGatewayCloudWatchRole',
  throttlingRateLimit: 'switchyard:throttlingRateLimit',
  throttlingBurstLimit: 'switchyard:throttlingBurstLimit',
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
  /** A number from context (`-c key=1000` arrives as a string); the construct checks its range. */
  const numberContext = (key: string): number | undefined => {
    const value: unknown = app.node.tryGetContext(key);
    if (value === undefined) return undefined;
    const number = typeof value === 'number' ? value : Number(String(value).trim() || Number.NaN);
    if (!Number.isFinite(number))
      throw new Error(`Context ${key} must be a number (given ${JSON.stringify(value)})`);
    return number;
  };
  const throttlingRateLimit = numberContext(ContextKeys.throttlingRateLimit);
  const throttlingBurstLimit = numberContext(ContextKeys.throttlingBurstLimit);
  const stackName: unknown = app.node.tryGetContext(ContextKeys.stackName);
  return {
    stackName: stackName === undefined ? 'Switchyard' : String(stackName),
    props: {
      webhookAllowedHosts: listContext(ContextKeys.webhookAllowedHosts),
      alarmEmails: listContext(ContextKeys.alarmEmails),
      api: {
        cloudWatchRole,
        ...(throttlingRateLimit !== undefined && { throttlingRateLimit }),
        ...(throttlingBurstLimit !== undefined && { throttlingBurstLimit }),
      },
    },
  };
};
