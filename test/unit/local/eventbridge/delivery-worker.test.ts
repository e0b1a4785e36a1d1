import { DeliveryWorker } from '../../../../local/eventbridge/engine/delivery-worker';
import { RuleCounters } from '../../../../local/eventbridge/engine/rule-counters';
import { TargetSender } from '../../../../local/eventbridge/engine/target-sender';
import type { SqsSendOptions, SqsTargetPort } from '../../../../local/eventbridge/ports';
import type { RuleRecord, TargetRecord } from '../../../../local/eventbridge/records/eventbridge-records';
import { EventBridgeStore } from '../../../../local/eventbridge/store/eventbridge-store';

/** An SQS port that fails the first `failures` sends to each queue, then records what it accepts. */
class FlakySqsPort implements SqsTargetPort {
  readonly sent: Array<{ queueArn: string; body: string; options?: SqsSendOptions }> = [];
  private readonly attempts = new Map<string, number>();

  constructor(private readonly failures: Readonly<Record<string, number>>) {}

  /** Sends tried to the queue so far, accepted or not. */
  attemptsAt(queueArn: string): number {
    return this.attempts.get(queueArn) ?? 0;
  }

  sendMessage(queueArn: string, body: string, options?: SqsSendOptions): Promise<void> {
    const attempt = (this.attempts.get(queueArn) ?? 0) + 1;
    this.attempts.set(queueArn, attempt);
    if (attempt <= (this.failures[queueArn] ?? 0)) return Promise.reject(new Error(`refused ${queueArn}`));
    this.sent.push({ queueArn, body, ...(options && { options }) });
    return Promise.resolve();
  }
}

const TARGET_QUEUE = 'arn:aws:sqs:us-east-1:000000000000:target';
const DLQ = 'arn:aws:sqs:us-east-1:000000000000:dlq';
/** The rule the delivery came from, as the counters list it. */
const RULE: RuleRecord = {
  name: 'orders',
  busName: 'default',
  arn: 'arn:rule',
  eventPattern: '{}',
  state: 'ENABLED',
  createdAt: 0,
};

function setUp(port: FlakySqsPort, target: TargetRecord, options: { now?: () => number } = {}) {
  const store = new EventBridgeStore(':memory:');
  const counters = new RuleCounters();
  const now = options.now ?? Date.now;
  const worker = new DeliveryWorker(store, new TargetSender(port, undefined), counters, {
    baseDelayMs: 1,
    maxDelayMs: 2,
    concurrency: 4,
    now,
  });
  store.enqueueDelivery(
    {
      ruleArn: RULE.arn,
      target,
      body: '{"n":1}',
      eventId: 'e-1',
      eventJson: '{"id":"e-1"}',
      createdAt: now(),
    },
    now(),
  );
  const failedDeliveries = () => counters.statsOf([RULE])[0]?.failedDeliveries;
  return { store, worker, failedDeliveries };
}

describe('DeliveryWorker', () => {
  it('should retry a failing target until it accepts the event', async () => {
    // Arrange
    const port = new FlakySqsPort({ [TARGET_QUEUE]: 3 });
    const { store, worker, failedDeliveries } = setUp(port, {
      Id: 't',
      Arn: TARGET_QUEUE,
      RetryPolicy: { MaximumRetryAttempts: 5 },
    });

    // Act
    worker.notify();
    await worker.drained();

    // Assert
    expect(port.sent).toEqual([{ queueArn: TARGET_QUEUE, body: '{"n":1}' }]);
    expect(store.pendingDeliveryCount()).toBe(0);
    expect(failedDeliveries()).toBe(0);
    await worker.stop();
    store.close();
  });

  it('should send the original event to the dead-letter queue once retries are exhausted', async () => {
    // Arrange
    const port = new FlakySqsPort({ [TARGET_QUEUE]: 100 });
    const target = {
      Id: 't',
      Arn: TARGET_QUEUE,
      RetryPolicy: { MaximumRetryAttempts: 2 },
      DeadLetterConfig: { Arn: DLQ },
    };
    const { store, worker, failedDeliveries } = setUp(port, target);

    // Act
    worker.notify();
    await worker.drained();

    // Assert
    expect(failedDeliveries()).toBe(1);
    expect(port.sent).toHaveLength(1);
    expect(port.sent[0]).toMatchObject({
      queueArn: DLQ,
      body: '{"id":"e-1"}',
      options: {
        messageAttributes: {
          ERROR_CODE: 'SDK_CLIENT_ERROR',
          ERROR_MESSAGE: `refused ${TARGET_QUEUE}`,
          RULE_ARN: RULE.arn,
          TARGET_ARN: TARGET_QUEUE,
          RETRY_ATTEMPTS: '2',
          EXHAUSTED_RETRY_CONDITION: 'MaximumRetryAttempts',
        },
      },
    });
    await worker.stop();
    store.close();
  });

  it('should record an event it cannot deliver anywhere instead of dropping it', async () => {
    // Arrange
    const port = new FlakySqsPort({ [TARGET_QUEUE]: 100, [DLQ]: 100 });
    const target = {
      Id: 't',
      Arn: TARGET_QUEUE,
      RetryPolicy: { MaximumRetryAttempts: 0 },
      DeadLetterConfig: { Arn: DLQ },
    };
    const { store, worker, failedDeliveries } = setUp(port, target);

    // Act
    worker.notify();
    await worker.drained();

    // Assert
    expect(port.sent).toHaveLength(0);
    expect(store.deadLetterCount()).toBe(1);
    expect(failedDeliveries()).toBe(1);
    await worker.stop();
    store.close();
  });

  it('should count a delivery as failed once its maximum event age has passed', async () => {
    // Arrange: a clock that moves only when told; the target refuses every attempt
    let now = Date.parse('2026-01-01T00:00:00Z');
    const port = new FlakySqsPort({ [TARGET_QUEUE]: 100 });
    const target = { Id: 't', Arn: TARGET_QUEUE, RetryPolicy: { MaximumEventAgeInSeconds: 60 } };
    const { store, worker, failedDeliveries } = setUp(port, target, { now: () => now });
    worker.notify();
    const deadline = Date.now() + 5000;
    while (port.attemptsAt(TARGET_QUEUE) === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const failedWhileYoung = failedDeliveries();

    // Act: the retry comes due a minute later, when the event is too old to try again
    now += 60_000;
    await worker.drained();

    // Assert
    expect(failedWhileYoung).toBe(0);
    expect(port.attemptsAt(TARGET_QUEUE)).toBe(2);
    expect(store.deadLetterCount()).toBe(1);
    expect(failedDeliveries()).toBe(1);
    await worker.stop();
    store.close();
  });

  it('should leave pending deliveries in the outbox when stopped', async () => {
    // Arrange
    const port = new FlakySqsPort({});
    const { store, worker } = setUp(port, { Id: 't', Arn: TARGET_QUEUE });

    // Act
    await worker.stop();
    worker.notify();

    // Assert
    expect(store.pendingDeliveryCount()).toBe(1);
    store.close();
  });
});
