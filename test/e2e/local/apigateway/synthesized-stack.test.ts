import { SwitchyardStack } from '../../../../infra/stack';
import { removeTestApps, testApp } from '../../../infra/support/test-app';
import { type GatewayUnderTest, json, signedFetch, startGateway } from './apigateway-fixture';

/** The stack's template as `cdk synth` writes it (bundling skipped: the emulator reads no code). */
const synthesizedTemplate = (): { Resources: Record<string, { Type: string }> } => {
  const app = testApp();
  new SwitchyardStack(app, 'Switchyard', { webhookAllowedHosts: ['hooks.example.com'] });
  return app.synth().getStackByName('Switchyard').template;
};

/** The logical id CDK gave a function construct, e.g. `Hello4A628BD4` for `Hello`. */
const functionId = (template: ReturnType<typeof synthesizedTemplate>, constructId: string): string => {
  const found = Object.entries(template.Resources).find(
    ([id, resource]) =>
      resource.Type === 'AWS::Lambda::Function' && new RegExp(`^${constructId}[0-9A-F]{8}$`).test(id),
  );
  if (!found) throw new Error(`No function ${constructId} in the synthesized template`);
  return found[0];
};

describe('API Gateway emulator on the synthesized Switchyard stack', () => {
  let gateway: GatewayUnderTest;
  let template: ReturnType<typeof synthesizedTemplate>;

  beforeAll(async () => {
    template = synthesizedTemplate();
    gateway = await startGateway(template);
  }, 60_000);

  afterAll(async () => {
    await gateway.stop();
    removeTestApps();
  });

  it('should serve the stack routes with its auth, models and gateway responses', async () => {
    // Act
    const liveness = await fetch(`${gateway.url}/api/data`);
    const unsigned = await fetch(`${gateway.url}/tasks`, { method: 'POST', body: '{}' });
    const invalid = await signedFetch(`${gateway.url}/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-correlation-id': 'corr-synth' },
      body: JSON.stringify({ type: 'hello', payload: { name: 7 } }),
    });
    const valid = await signedFetch(`${gateway.url}/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'hello', payload: { name: 'Ada' } }),
    });
    const status = await signedFetch(`${gateway.url}/tasks/0b6d2a47`);

    // Assert
    expect(gateway.url).toMatch(/\/prod$/);
    expect(liveness.status).toBe(200);
    expect(unsigned.status).toBe(403);
    expect(await json(unsigned)).toEqual({
      error: { code: 'MISSING_AUTHENTICATION_TOKEN', message: 'Missing Authentication Token' },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('x-correlation-id')).toBe('corr-synth');
    expect(await json(invalid)).toEqual({
      error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/^\[instance failed to match/) },
    });
    expect(valid.status).toBe(200);
    expect(status.status).toBe(200);
    expect(gateway.calls.map((call) => [call.functionId, call.timeoutMs])).toEqual([
      [functionId(template, 'Hello'), 29000],
      [functionId(template, 'SubmitTask'), 29000],
      [functionId(template, 'GetTask'), 29000],
    ]);
    expect(gateway.lastEvent(functionId(template, 'GetTask')).pathParameters).toEqual({ taskId: '0b6d2a47' });
  });
});
