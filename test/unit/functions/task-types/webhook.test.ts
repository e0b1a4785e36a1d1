import { NonRetryableTaskError, RetryableTaskError } from '../../../../functions/task-types';
import { deliverWebhook } from '../../../../functions/task-types/webhook/deliver-webhook';
import { HostAllowList } from '../../../../functions/task-types/webhook/host-allow-list';

const context = { taskId: 'task-1', correlationId: 'corr-1', attempt: 1 };
const payload = { url: 'https://hooks.example.com/in', body: { order: 7 } };
const fetchMock = jest.spyOn(globalThis, 'fetch');

afterEach(() => fetchMock.mockReset());
afterAll(() => fetchMock.mockRestore());

describe('HostAllowList', () => {
  const allowList = new HostAllowList(['hooks.example.com', '*.partner.example', 'localhost:8443']);

  it.each([
    ['https://hooks.example.com/a', undefined],
    ['https://HOOKS.example.com:443/a', undefined],
    ['https://api.partner.example/a', undefined],
    ['http://localhost:8443/a', undefined],
    ['https://partner.example/a', 'host partner.example is not in the webhook allow-list'],
    ['https://localhost:9000/a', 'host localhost:9000 is not in the webhook allow-list'],
    ['http://hooks.example.com/a', 'must use https (given http)'],
    ['https://user:pw@hooks.example.com/a', 'must not carry credentials'],
    [
      'https://hooks.example.com.evil.org/a',
      'host hooks.example.com.evil.org is not in the webhook allow-list',
    ],
  ])('should judge %s', (url, expected) => {
    expect(allowList.rejectionReason(new URL(url))).toBe(expected);
  });
});

describe('deliverWebhook', () => {
  it('should POST the body with the task id and correlation id headers', async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 202 }));

    const result = await deliverWebhook({ ...payload, headers: { 'X-Api-Key': 'k' } }, context, 1000);

    expect(result).toEqual({ statusCode: 202 });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe(payload.url);
    expect(init).toMatchObject({ method: 'POST', redirect: 'manual', body: '{"order":7}' });
    expect(init?.headers).toMatchObject({
      'X-Api-Key': 'k',
      'x-switchyard-task-id': 'task-1',
      'x-correlation-id': 'corr-1',
      'content-type': 'application/json',
    });
  });

  it.each([500, 503, 429, 408])('should treat HTTP %i as retryable', async (status) => {
    fetchMock.mockResolvedValue(new Response(null, { status }));

    await expect(deliverWebhook(payload, context, 1000)).rejects.toThrow(RetryableTaskError);
  });

  it.each([400, 401, 404, 422, 301])('should treat HTTP %i as not retryable', async (status) => {
    fetchMock.mockResolvedValue(
      new Response(null, { status, headers: status === 301 ? { location: '/x' } : {} }),
    );

    await expect(deliverWebhook(payload, context, 1000)).rejects.toThrow(NonRetryableTaskError);
  });

  it('should treat a connection error as retryable', async () => {
    fetchMock.mockRejectedValue(new TypeError('fetch failed'));

    await expect(deliverWebhook(payload, context, 1000)).rejects.toThrow(
      'Webhook delivery failed: connection failed',
    );
  });

  it('should treat a timeout as retryable and name the limit', async () => {
    fetchMock.mockImplementation((_url, init) => {
      return new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    });

    const delivery = deliverWebhook(payload, context, 50);

    await expect(delivery).rejects.toThrow(RetryableTaskError);
    await expect(delivery).rejects.toThrow('no response within 50 ms');
  });
});
