import { LOCAL_ACCOUNT_ID } from '../../platform/local-account';

export { LOCAL_ACCOUNT_ID };

/** The bus every account has, which cannot be created or deleted. */
export const DEFAULT_BUS_NAME = 'default';

/** Builds and parses the ARNs of EventBridge resources in one region. */
export class EventBridgeArns {
  constructor(readonly region: string) {}

  private prefix(): string {
    return `arn:aws:events:${this.region}:${LOCAL_ACCOUNT_ID}`;
  }

  bus(name: string): string {
    return `${this.prefix()}:event-bus/${name}`;
  }

  /** Rules on the default bus omit the bus name, as in AWS. */
  rule(busName: string, ruleName: string): string {
    return busName === DEFAULT_BUS_NAME
      ? `${this.prefix()}:rule/${ruleName}`
      : `${this.prefix()}:rule/${busName}/${ruleName}`;
  }

  archive(name: string): string {
    return `${this.prefix()}:archive/${name}`;
  }

  replay(name: string): string {
    return `${this.prefix()}:replay/${name}`;
  }

  /** Accepts a bus name or a bus ARN (any region or account) and returns the name. */
  busNameOf(nameOrArn: string): string {
    const match = /^arn:[^:]+:events:[^:]*:[^:]*:event-bus\/(.+)$/.exec(nameOrArn);
    return match?.[1] ?? nameOrArn;
  }

  /** The archive name in an archive ARN, or undefined if it is not one. */
  archiveNameOf(arn: string): string | undefined {
    return /^arn:[^:]+:events:[^:]*:[^:]*:archive\/(.+)$/.exec(arn)?.[1];
  }

  /** The bus name in a bus ARN, or undefined if it is not one. */
  busNameOfArn(arn: string): string | undefined {
    return /^arn:[^:]+:events:[^:]*:[^:]*:event-bus\/(.+)$/.exec(arn)?.[1];
  }
}
