import type { AwsResponse } from '../../../../local/endpoint';
import { EventBridgeService } from '../../../../local/eventbridge';
import type { SqsTargetPort } from '../../../../local/eventbridge/ports';

const GOOD_QUEUE = 'arn:aws:sqs:us-east-1:000000000000:good';
const BROKEN_QUEUE = 'arn:aws:sqs:us-east-1:000000000000:broken';
const DLQ = 'arn:aws:sqs:us-east-1:000000000000:dlq';

/** Accepts every message except those for the broken queue. */
const sqsPort: SqsTargetPort = {
  sendMessage: (queueArn) =>
    queueArn === BROKEN_QUEUE ? Promise.reject(new Error('queue refused it')) : Promise.resolve(),
};

/** Calls one operation as the endpoint would and returns its parsed answer; a failure throws. */
async function call(service: EventBridgeService, operation: string, input: unknown): Promise<unknown> {
  const response: AwsResponse = await service.handle({
    method: 'POST',
    url: '/',
    headers: { 'x-amz-target': `AWSEvents.${operation}`, 'content-type': 'application/x-amz-json-1.1' },
    body: Buffer.from(JSON.stringify(input)),
    endpointUrl: 'http://127.0.0.1:4566',
  });
  const body = JSON.parse(response.body.toString()) as unknown;
  if (response.statusCode !== 200) throw new Error(`${operation}: ${JSON.stringify(body)}`);
  return body;
}

const anOrder = (source = 'shop') => ({ Source: source, DetailType: 'order.placed', Detail: '{"n":1}' });

describe('EventBridgeService rule stats', () => {
  let service: EventBridgeService;

  beforeEach(async () => {
    service = await EventBridgeService.start({ sqs: sqsPort, retryBaseDelayMs: 1, retryMaxDelayMs: 2 });
    await call(service, 'CreateEventBus', { Name: 'shop-bus' });
    await call(service, 'PutRule', { Name: 'orders', EventPattern: '{"source":["shop"]}' });
    await call(service, 'PutRule', { Name: 'refunds', EventPattern: '{"source":["refunds"]}' });
  });

  afterEach(async () => {
    await service.close();
  });

  it('should count the events each rule matched, and none for an event it did not match', async () => {
    // Act
    await call(service, 'PutEvents', { Entries: [anOrder(), anOrder(), anOrder('elsewhere')] });

    // Assert: rules without targets still match; buses first, then rules, by name
    expect(service.ruleStats()).toEqual([
      { name: 'orders', eventBusName: 'default', matchedEvents: 2, failedDeliveries: 0 },
      { name: 'refunds', eventBusName: 'default', matchedEvents: 0, failedDeliveries: 0 },
    ]);
  });

  it('should count the deliveries that failed for good, with or without a dead-letter queue, and not those that landed', async () => {
    // Arrange
    await call(service, 'PutTargets', {
      Rule: 'orders',
      Targets: [
        { Id: 'good', Arn: GOOD_QUEUE },
        {
          Id: 'dead-lettered',
          Arn: BROKEN_QUEUE,
          RetryPolicy: { MaximumRetryAttempts: 2 },
          DeadLetterConfig: { Arn: DLQ },
        },
        { Id: 'dropped', Arn: BROKEN_QUEUE, RetryPolicy: { MaximumRetryAttempts: 1 } },
      ],
    });

    // Act
    await call(service, 'PutEvents', { Entries: [anOrder()] });
    await service.settled();

    // Assert
    expect(service.ruleStats()).toContainEqual({
      name: 'orders',
      eventBusName: 'default',
      matchedEvents: 1,
      failedDeliveries: 2,
    });
  });

  it('should not count deliveries that every target accepted', async () => {
    // Arrange
    await call(service, 'PutTargets', { Rule: 'orders', Targets: [{ Id: 'good', Arn: GOOD_QUEUE }] });

    // Act
    await call(service, 'PutEvents', { Entries: [anOrder(), anOrder()] });
    await service.settled();

    // Assert
    expect(service.ruleStats()).toContainEqual({
      name: 'orders',
      eventBusName: 'default',
      matchedEvents: 2,
      failedDeliveries: 0,
    });
  });

  it('should keep rules of each bus apart', async () => {
    // Arrange
    await call(service, 'PutRule', {
      Name: 'orders',
      EventBusName: 'shop-bus',
      EventPattern: '{"source":["shop"]}',
    });

    // Act
    await call(service, 'PutEvents', { Entries: [{ ...anOrder(), EventBusName: 'shop-bus' }] });

    // Assert
    expect(service.ruleStats()).toEqual([
      { name: 'orders', eventBusName: 'default', matchedEvents: 0, failedDeliveries: 0 },
      { name: 'refunds', eventBusName: 'default', matchedEvents: 0, failedDeliveries: 0 },
      { name: 'orders', eventBusName: 'shop-bus', matchedEvents: 1, failedDeliveries: 0 },
    ]);
  });

  it('should drop a deleted rule from the stats', async () => {
    // Arrange
    await call(service, 'PutEvents', { Entries: [anOrder()] });

    // Act
    await call(service, 'DeleteRule', { Name: 'orders' });

    // Assert
    expect(service.ruleStats().map((rule) => rule.name)).toEqual(['refunds']);
  });

  it("should count a rule created again under a deleted one's name from zero", async () => {
    // Arrange
    await call(service, 'PutEvents', { Entries: [anOrder()] });

    // Act
    await call(service, 'DeleteRule', { Name: 'orders' });
    await call(service, 'PutRule', { Name: 'orders', EventPattern: '{"source":["shop"]}' });

    // Assert
    expect(service.ruleStats()).toContainEqual({
      name: 'orders',
      eventBusName: 'default',
      matchedEvents: 0,
      failedDeliveries: 0,
    });
  });

  it('should drop the rules of a deleted bus', async () => {
    // Arrange
    await call(service, 'PutRule', {
      Name: 'audit',
      EventBusName: 'shop-bus',
      EventPattern: '{"source":["shop"]}',
    });
    await call(service, 'PutEvents', { Entries: [{ ...anOrder(), EventBusName: 'shop-bus' }] });

    // Act
    await call(service, 'DeleteEventBus', { Name: 'shop-bus' });
    await call(service, 'CreateEventBus', { Name: 'shop-bus' });
    await call(service, 'PutRule', {
      Name: 'audit',
      EventBusName: 'shop-bus',
      EventPattern: '{"source":["shop"]}',
    });

    // Assert
    expect(service.ruleStats()).toContainEqual({
      name: 'audit',
      eventBusName: 'shop-bus',
      matchedEvents: 0,
      failedDeliveries: 0,
    });
  });
});
