import { Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as lambdaEventSources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { IntegrationChecks } from '../../infra/constructs/integration-checks';
import { SwitchyardStack } from '../../infra/stack';
import { removeTestApps, testApp } from './support/test-app';

afterAll(removeTestApps);

/** A stack with one queue consumed by one function, wired as the options say. */
const consumerStack = (options: {
  visibilitySeconds: number;
  timeoutSeconds: number;
  reportBatchItemFailures: boolean;
  withDlq: boolean;
}): Stack => {
  const stack = new Stack(testApp(), 'Consumer');
  const queue = new sqs.Queue(stack, 'Queue', {
    visibilityTimeout: Duration.seconds(options.visibilitySeconds),
    deadLetterQueue: options.withDlq ? { queue: new sqs.Queue(stack, 'Dlq'), maxReceiveCount: 5 } : undefined,
  });
  const fn = new lambda.Function(stack, 'Consumer', {
    runtime: lambda.Runtime.NODEJS_LATEST,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({})'),
    timeout: Duration.seconds(options.timeoutSeconds),
  });
  fn.addEventSource(
    new lambdaEventSources.SqsEventSource(queue, {
      reportBatchItemFailures: options.reportBatchItemFailures,
    }),
  );
  stack.node.addValidation(new IntegrationChecks(stack));
  return stack;
};

const sound = { visibilitySeconds: 60, timeoutSeconds: 10, reportBatchItemFailures: true, withDlq: true };

describe('IntegrationChecks', () => {
  it('should accept a consumer wired as AWS advises', () => {
    // GIVEN a sound consumer WHEN synthesized THEN nothing is reported
    expect(() => Template.fromStack(consumerStack(sound))).not.toThrow();
  });

  it('should fail the synth when the visibility timeout is under 6x the consumer timeout, naming both', () => {
    const stack = consumerStack({ ...sound, visibilitySeconds: 30, timeoutSeconds: 10 });

    expect(() => Template.fromStack(stack)).toThrow(
      /visibility timeout \(30 s\) is shorter than 6 x the consumer's timeout \(10 s = 60 s\)/,
    );
  });

  it('should fail the synth for a consumer without partial batch responses', () => {
    expect(() => Template.fromStack(consumerStack({ ...sound, reportBatchItemFailures: false }))).toThrow(
      /does not report partial batch failures/,
    );
  });

  it('should fail the synth for a consumed queue without a dead-letter queue', () => {
    expect(() => Template.fromStack(consumerStack({ ...sound, withDlq: false }))).toThrow(
      /has no dead-letter queue/,
    );
  });

  it('should fail the Switchyard stack whose task queue is too short for its worker', () => {
    // GIVEN a worker timeout that the default visibility timeout no longer covers
    const stack = new SwitchyardStack(testApp(), 'Switchyard', { workerTimeout: Duration.seconds(30) });
    const queue = stack.taskChannel.queue.node.defaultChild as sqs.CfnQueue;
    queue.visibilityTimeout = 90;

    // WHEN synthesized THEN the check names both numbers
    expect(() => Template.fromStack(stack)).toThrow(
      /\(90 s\) is shorter than 6 x the consumer's timeout \(30 s = 180 s\)/,
    );
  });
});

describe('construct props', () => {
  it('should reject out-of-range task channel props, all at once, with the given values', () => {
    const build = () =>
      new SwitchyardStack(testApp(), 'Bad', {
        workerTimeout: Duration.seconds(5),
        webhookAllowedHosts: ['https://x'],
      });

    expect(build).toThrow(/webhookTimeout must be shorter than workerTimeout \(given 10 s and 5 s\)/);
    expect(build).toThrow(
      /webhookAllowedHosts entries must be host, host:port or \*\.domain \(given https:\/\/x\)/,
    );
  });

  it('should reject an invalid API stage name with the given value', () => {
    expect(() => new SwitchyardStack(testApp(), 'Bad', { api: { stageName: 'prod/v1' } })).toThrow(
      /stageName must be .* \(given prod\/v1\)/,
    );
  });
});
