import { ListRulesCommand } from '@aws-sdk/client-eventbridge';
import { type EventBridgeHarness, startEventBridgeHarness } from './eventbridge-harness';

/** Raw JSON-protocol calls, for inputs the SDK would never send. */
async function call(
  url: string,
  target: string,
  body: string,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
    body,
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('EventBridge bad inputs', () => {
  let harness: EventBridgeHarness;

  beforeAll(async () => {
    harness = await startEventBridgeHarness();
  });

  afterAll(async () => {
    await harness.stop();
  });

  it('should answer malformed JSON with SerializationException and 400', async () => {
    const { status, json } = await call(harness.url, 'AWSEvents.PutRule', '{"Name": ');
    expect(status).toBe(400);
    expect(json.__type).toBe('SerializationException');
  });

  it('should answer an unknown operation with UnknownOperationException and 400', async () => {
    const { status, json } = await call(harness.url, 'AWSEvents.LaunchRocket', '{}');
    expect(status).toBe(400);
    expect(json.__type).toBe('UnknownOperationException');
  });

  it.each([
    ['AWSEvents.PutRule', '{"EventPattern":"{\\"a\\":[1]}"}', "'name'"],
    ['AWSEvents.PutTargets', '{"Rule":"r"}', "'targets'"],
    ['AWSEvents.PutEvents', '{}', "'entries'"],
    ['AWSEvents.CreateArchive', '{"ArchiveName":"a"}', "'eventSourceArn'"],
    ['AWSEvents.StartReplay', '{"ReplayName":"r"}', "'eventSourceArn'"],
  ])(
    'should answer %s without a required member with ValidationException and 400',
    async (target, body, member) => {
      const { status, json } = await call(harness.url, target, body);
      expect(status).toBe(400);
      expect(json.__type).toBe('ValidationException');
      expect(String(json.message)).toContain(member);
    },
  );

  it('should answer a wrongly typed member with ValidationException and write nothing', async () => {
    // Act
    const { status, json } = await call(
      harness.url,
      'AWSEvents.PutRule',
      '{"Name":"typed","EventPattern":"{\\"a\\":[1]}","State":42}',
    );
    const rules = await harness.eventBridge.send(new ListRulesCommand({ NamePrefix: 'typed' }));

    // Assert
    expect(status).toBe(400);
    expect(json.__type).toBe('ValidationException');
    expect(rules.Rules).toEqual([]);
  });

  it('should reject a rule name that breaks the API pattern', async () => {
    const { status, json } = await call(
      harness.url,
      'AWSEvents.PutRule',
      '{"Name":"no spaces","EventPattern":"{}"}',
    );
    expect(status).toBe(400);
    expect(json.__type).toBe('ValidationException');
  });
});
