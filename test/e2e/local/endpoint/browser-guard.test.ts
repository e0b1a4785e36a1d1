import { GetQueueAttributesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { HEALTH_PATH } from '../../../../common/local-endpoints-file';
import { type LocalCloud, startLocalCloud } from '../sqs/local-cloud-fixture';
import { FORM_HEADERS, formBody, httpRequest, rawExchange } from './http-request';

describe('AWS endpoint refuses what a web page could send', () => {
  let cloud: LocalCloud;
  let port: number;
  let queueUrl: string;

  beforeAll(async () => {
    cloud = await startLocalCloud();
    port = Number(new URL(cloud.url).port);
    queueUrl = await cloud.createQueue('browser-guard');
  });

  afterAll(async () => {
    await cloud.stop();
  });

  const messageCount = async (): Promise<number> => {
    const { Attributes } = await cloud.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    return Number(Attributes?.ApproximateNumberOfMessages);
  };

  const queryPost = (action: 'SendMessage' | 'PurgeQueue', headers: Record<string, string>) =>
    httpRequest(cloud.url, {
      method: 'POST',
      headers: { ...FORM_HEADERS, ...headers },
      body: formBody({
        Action: action,
        Version: '2012-11-05',
        QueueUrl: queueUrl,
        ...(action === 'SendMessage' && { MessageBody: 'from a web page' }),
      }),
    });

  it.each([
    'example.com',
    'evil.example:4566',
    'localhost.evil.example',
    '127.0.0.1.nip.io',
    'evil@localhost',
    '10.0.0.1',
  ])('should refuse the health check for Host %s with 403 JSON', async (host) => {
    // Act
    const response = await httpRequest(`${cloud.url}${HEALTH_PATH}`, { headers: { host } });

    // Assert
    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toBe('application/json');
    expect(JSON.parse(response.text)).toEqual({
      error: 'ForbiddenHost',
      message: expect.stringContaining('Host'),
    });
  });

  it('should refuse an HTTP/1.0 request without a Host header', async () => {
    // Act
    const answer = await rawExchange(cloud.url, `GET ${HEALTH_PATH} HTTP/1.0\r\n\r\n`);

    // Assert
    expect(answer).toMatch(/^HTTP\/1\.1 403 /);
    expect(answer).toContain('"error":"ForbiddenHost"');
  });

  it('should refuse a DNS-rebinding SendMessage and leave the queue untouched', async () => {
    // Arrange
    const before = await messageCount();

    // Act
    const response = await queryPost('SendMessage', { host: `evil.example:${port}` });

    // Assert
    expect(response.status).toBe(403);
    expect(JSON.parse(response.text)).toMatchObject({ error: 'ForbiddenHost' });
    expect(await messageCount()).toBe(before);
  });

  it.each([
    ['a foreign site', 'https://evil.example'],
    ['another localhost port', 'http://localhost:1'],
    ['https on the same port', 'https://localhost:PORT'],
    ['an opaque origin', 'null'],
  ])('should refuse a form SendMessage with the Origin of %s', async (_case, origin) => {
    // Arrange
    const before = await messageCount();

    // Act
    const response = await queryPost('SendMessage', { origin: origin.replace('PORT', String(port)) });

    // Assert
    expect(response.status).toBe(403);
    expect(JSON.parse(response.text)).toMatchObject({ error: 'CrossOriginRequest' });
    expect(await messageCount()).toBe(before);
  });

  it('should refuse a cross-origin PurgeQueue and keep the messages', async () => {
    // Arrange
    await cloud.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'keep me' }));
    const before = await messageCount();

    // Act
    const response = await queryPost('PurgeQueue', {
      origin: 'https://evil.example',
      'sec-fetch-site': 'cross-site',
    });

    // Assert
    expect(response.status).toBe(403);
    expect(before).toBeGreaterThan(0);
    expect(await messageCount()).toBe(before);
  });

  it.each(['cross-site', 'same-site'])('should refuse Sec-Fetch-Site: %s without an Origin', async (site) => {
    // Arrange
    const before = await messageCount();

    // Act
    const response = await queryPost('SendMessage', { 'sec-fetch-site': site });

    // Assert
    expect(response.status).toBe(403);
    expect(JSON.parse(response.text)).toMatchObject({ error: 'CrossOriginRequest' });
    expect(await messageCount()).toBe(before);
  });

  it.each([
    ['a foreign origin', 'https://evil.example'],
    ['its own origin', 'http://localhost:PORT'],
  ])('should grant a CORS preflight from %s nothing', async (_case, origin) => {
    // Act
    const response = await httpRequest(cloud.url, {
      method: 'OPTIONS',
      headers: { origin: origin.replace('PORT', String(port)), 'access-control-request-method': 'POST' },
    });

    // Assert
    expect(response.status).toBe(403);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(JSON.parse(response.text)).toMatchObject({ error: expect.any(String) });
  });

  it.each(['localhost', 'LOCALHOST:PORT', '127.0.0.1', '127.1.2.3:PORT', '[::1]:PORT', 'app.localhost:PORT'])(
    'should answer the health check for Host %s',
    async (host) => {
      // Act
      const response = await httpRequest(`${cloud.url}${HEALTH_PATH}`, {
        headers: { host: host.replace('PORT', String(port)) },
      });

      // Assert
      expect(response.status).toBe(200);
    },
  );

  it('should accept a form SendMessage from its own loopback origin', async () => {
    // Arrange
    const before = await messageCount();

    // Act
    const response = await queryPost('SendMessage', {
      host: `localhost:${port}`,
      origin: `http://localhost:${port}`,
      'sec-fetch-site': 'same-origin',
    });

    // Assert
    expect(response.status).toBe(200);
    expect(await messageCount()).toBe(before + 1);
  });

  it('should keep serving SDK calls', async () => {
    // Arrange
    const before = await messageCount();

    // Act
    const { MessageId } = await cloud.sqs.send(
      new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'sdk' }),
    );

    // Assert
    expect(MessageId).toEqual(expect.any(String));
    expect(await messageCount()).toBe(before + 1);
  });
});
