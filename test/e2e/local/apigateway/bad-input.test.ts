import { connect } from 'node:net';
import { apiTemplate, type GatewayUnderTest, json, startGateway } from './apigateway-fixture';

const template = () =>
  apiTemplate({
    routes: [
      { method: 'GET', path: '/items/{itemId}', functionId: 'GetItem', authorization: 'NONE' },
      { method: 'GET', path: '/secure', functionId: 'Secure' },
      { method: 'GET', path: '/weird', functionId: 'Weird', authorization: 'NONE' },
    ],
  });

/** Writes raw bytes to the gateway and resolves with the status line of the answer. */
const rawRequest = (url: string, text: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname, () => socket.end(text));
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
    });
    socket.on('close', () => resolve(received.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
  });

describe('API Gateway emulator on bad input', () => {
  let gateway: GatewayUnderTest;

  beforeAll(async () => {
    gateway = await startGateway(template(), {
      Weird: () => ({ statusCode: BigInt(200) }),
    });
  });

  afterAll(async () => {
    await gateway.stop();
  });

  it('should keep a malformed percent escape in a path parameter as sent', async () => {
    // Act
    const response = await fetch(`${gateway.url}/items/%E0%A4%A`);

    // Assert
    expect(response.status).toBe(200);
    expect(gateway.lastEvent('GetItem').pathParameters).toEqual({ itemId: '%E0%A4%A' });
  });

  it.each([
    [
      'a date that is not ISO-8601 basic',
      {
        Authorization: sigV4Header('AKID/20260101/us-east-1/execute-api/aws4_request'),
        'X-Amz-Date': 'yesterday',
      },
    ],
    ['a truncated credential', { Authorization: sigV4Header('AKID'), 'X-Amz-Date': '20260101T000000Z' }],
    ['an empty Authorization header', { Authorization: '' }],
  ])('should answer 403 to a signature with %s', async (_case, headers) => {
    // Act
    const response = await fetch(`${gateway.url}/secure`, { headers });

    // Assert
    expect(response.status).toBe(403);
    expect(await json(response)).toEqual({ message: expect.any(String) });
  });

  it('should answer 403 to presigned query parameters that are incomplete', async () => {
    // Act
    const response = await fetch(`${gateway.url}/secure?X-Amz-Algorithm=HMAC&X-Amz-Date=%ZZ`);

    // Assert
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('IncompleteSignatureException');
  });

  it('should answer 502 to a function result that does not serialize', async () => {
    // Act
    const response = await fetch(`${gateway.url}/weird`);

    // Assert
    expect(response.status).toBe(502);
  });

  it.each([
    ['an asterisk target', 'OPTIONS * HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n', '403'],
    [
      'an absolute-form target',
      'GET http://example.com/prod/items/1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
      '200',
    ],
    [
      'an unknown method',
      'BREW /prod/items/1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
      '400',
    ],
    ['a header without a colon', 'GET /prod/items/1 HTTP/1.1\r\nHost x\r\n\r\n', '400'],
  ])('should answer a request with %s and keep serving', async (_case, text, status) => {
    // Act
    const answered = await rawRequest(gateway.url, text);
    const after = await fetch(`${gateway.url}/items/ok`);

    // Assert
    expect(answered.split(' ')[1]).toBe(status);
    expect(after.status).toBe(200);
  });
});

function sigV4Header(credential: string): string {
  return `AWS4-HMAC-SHA256 Credential=${credential}, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`;
}
