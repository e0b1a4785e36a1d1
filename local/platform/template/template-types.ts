import { isRecord } from '../../../common/is-record';

export { isRecord };
/** The parts of a synthesized CloudFormation template the local cloud reads. */

/** One resource as the template declares it. */
export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Readonly<Record<string, unknown>>;
  readonly Condition?: string;
  readonly DependsOn?: string | readonly string[];
  readonly Metadata?: Readonly<Record<string, unknown>>;
}

/** A template parameter; the local cloud uses its `Default`. */
export interface CfnParameter {
  readonly Type: string;
  readonly Default?: unknown;
}

/** A synthesized stack template. */
export interface CfnTemplate {
  readonly Resources: Readonly<Record<string, CfnResource>>;
  readonly Parameters?: Readonly<Record<string, CfnParameter>>;
  readonly Conditions?: Readonly<Record<string, unknown>>;
  readonly Mappings?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
  readonly Outputs?: Readonly<Record<string, { readonly Value: unknown; readonly Condition?: string }>>;
}

/** Narrows an unknown JSON value to a plain object. */
