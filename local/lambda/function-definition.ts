/** Everything the local runtime needs to run one function, resolved from the template. */
export interface LambdaFunctionDefinition {
  /** Template logical id; `invoke` accepts it as well as the name and ARN. */
  readonly logicalId: string;
  /** Function name, also `AWS_LAMBDA_FUNCTION_NAME`. */
  readonly name: string;
  /** `arn:aws:lambda:<region>:000000000000:function:<name>` */
  readonly arn: string;
  /** Folder with the bundled code (`cdk.out/asset.<hash>/`). */
  readonly codeDir: string;
  /** `file.export`, e.g. `index.handler`; the file may be `.js`, `.mjs` or `.cjs`. */
  readonly handler: string;
  /** The template's variables, intrinsics resolved. Runtime variables are added to them. */
  readonly environment: Readonly<Record<string, string>>;
  /** @default 3 (Lambda's default) */
  readonly timeoutSeconds: number;
  /** Also the worker's heap limit. @default 128 */
  readonly memorySizeMb: number;
  /** `ReservedConcurrentExecutions`; unset uses the runtime's default limit. */
  readonly reservedConcurrency?: number;
  /** e.g. `nodejs24.x`; informational locally (the local Node.js runs every function). */
  readonly runtime?: string;
  /** Log group name, for `AWS_LAMBDA_LOG_GROUP_NAME` and the context. */
  readonly logGroupName: string;
}
