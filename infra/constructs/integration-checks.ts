import { CfnElement, Stack, Token } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { IConstruct, IValidation } from 'constructs';

/** SQS's default visibility timeout, used when a queue does not set one. */
const DEFAULT_VISIBILITY_TIMEOUT_SECONDS = 30;
/** Lambda's default timeout. */
const DEFAULT_FUNCTION_TIMEOUT_SECONDS = 3;
/** AWS's guidance for queues feeding Lambda: visibility at least six times the function timeout. */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

type Resolved = Record<string, unknown>;

/**
 * Integration mistakes that deploy fine and then lose or duplicate messages, caught at synth:
 * an SQS consumer whose queue's visibility timeout is under 6x the function timeout, one that
 * does not report partial batch failures, a consumed queue without a dead-letter queue, and
 * an EventBridge rule target without a dead-letter queue or a retry policy.
 * It reads the synthesized L1 resources, so it checks every consumer however it was built.
 */
export class IntegrationChecks implements IValidation {
  constructor(private readonly scope: IConstruct) {}

  validate(): string[] {
    const stack = Stack.of(this.scope);
    const all = this.scope.node.findAll();
    const byLogicalId = <T extends CfnElement>(type: abstract new (...args: never[]) => T) =>
      new Map(
        all.filter((node): node is T => node instanceof type).map((node) => [stack.getLogicalId(node), node]),
      );
    const queues = byLogicalId(sqs.CfnQueue);
    const functions = byLogicalId(lambda.CfnFunction);
    const problems: string[] = [];

    for (const mapping of all.filter(
      (node): node is lambda.CfnEventSourceMapping => node instanceof lambda.CfnEventSourceMapping,
    )) {
      const source = stack.resolve(mapping.eventSourceArn) as Resolved | undefined;
      const queueId = (source?.['Fn::GetAtt'] as string[] | undefined)?.[0];
      const queue = queueId ? queues.get(queueId) : undefined;
      if (!queue) continue;
      const target = stack.resolve(mapping.functionName) as Resolved | string | undefined;
      const functionId =
        typeof target === 'object'
          ? ((target.Ref as string | undefined) ?? (target['Fn::GetAtt'] as string[] | undefined)?.[0])
          : undefined;
      const fn = functionId ? functions.get(functionId) : undefined;
      const where = `${queue.node.path} -> ${fn?.node.path ?? mapping.node.path}`;

      const visibility = numberOr(queue.visibilityTimeout, DEFAULT_VISIBILITY_TIMEOUT_SECONDS);
      const timeout = numberOr(fn?.timeout, DEFAULT_FUNCTION_TIMEOUT_SECONDS);
      if (
        visibility !== undefined &&
        timeout !== undefined &&
        visibility < VISIBILITY_TIMEOUT_FACTOR * timeout
      ) {
        problems.push(
          `${where}: the queue's visibility timeout (${visibility} s) is shorter than ${VISIBILITY_TIMEOUT_FACTOR} x the consumer's timeout (${timeout} s = ${VISIBILITY_TIMEOUT_FACTOR * timeout} s); messages would be redelivered while still being processed`,
        );
      }
      const responseTypes = stack.resolve(mapping.functionResponseTypes) as string[] | undefined;
      if (!responseTypes?.includes('ReportBatchItemFailures')) {
        problems.push(
          `${where}: the consumer does not report partial batch failures (ReportBatchItemFailures), so one bad message would re-run its whole batch`,
        );
      }
      if (!stack.resolve(queue.redrivePolicy)) {
        problems.push(
          `${where}: the queue has no dead-letter queue (RedrivePolicy), so a poison message would be retried until it expires`,
        );
      }
    }
    for (const rule of all.filter((node): node is events.CfnRule => node instanceof events.CfnRule)) {
      const ruleTargets = (stack.resolve(rule.targets) as Resolved[] | undefined) ?? [];
      for (const target of ruleTargets) {
        const where = `${rule.node.path} -> target ${String(target.id ?? target.Id)}`;
        const deadLetter = (target.deadLetterConfig ?? target.DeadLetterConfig) as Resolved | undefined;
        if (!deadLetter?.arn && !deadLetter?.Arn) {
          problems.push(
            `${where}: the rule target has no dead-letter queue, so events it cannot deliver would be dropped`,
          );
        }
        if (!target.retryPolicy && !target.RetryPolicy) {
          problems.push(
            `${where}: the rule target has no retry policy; set its attempts and maximum event age explicitly`,
          );
        }
      }
    }
    return problems;
  }
}

const numberOr = (value: unknown, fallback: number): number | undefined => {
  if (value === undefined) return fallback;
  if (typeof value === 'number') return value;
  // An unresolved token cannot be checked here; CloudFormation will see its value.
  return Token.isUnresolved(value) ? undefined : Number(value);
};
