import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../../../../common/node-sha256';
import {
  apiTemplate,
  CREDENTIALS,
  type GatewayUnderTest,
  json,
  presignedUrl,
  REGION,
  signedFetch,
  signedHeaders,
  startGateway,
} from './apigateway-fixture';

const run = promisify(execFile);
const curlHasSigV4 = spawnSync('curl', ['--help', 'all']).stdout?.toString().includes('--aws-sigv4') ?? false;

const template = () =>
  apiTemplate({
    routes: [
      { method: 'GET', path: '/api/data', functionId: 'Hello', authorization: 'NONE' },
      { method: 'POST', path: '/tasks', functionId: 'SubmitTask' },
      { method: 'GET', path: '/tasks/{taskId}', functionId: 'GetTask' },
    ],
  });

describe('API Gateway IAM authorization', () => {
  let gateway: GatewayUnderTest;

  beforeAll(async () => {
    gateway = await startGateway(template());
  });

  afterAll(async () => {
    await gateway.stop();
  });

  it('should let an unsigned request through on a NONE route', async () => {
    // Act
    const response = await fetch(`${gateway.url}/api/data`);

    // Assert
    expect(response.status).toBe(200);
  });

  it('should answer 403 Missing Authentication Token to an unsigned request', async () => {
    // Act
    const response = await fetch(`${gateway.url}/tasks/t-1`);

    // Assert
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(await json(response)).toEqual({ message: 'Missing Authentication Token' });
  });

  it('should invoke the function for a signed request with the caller in the identity', async () => {
    // Act
    const response = await signedFetch(`${gateway.url}/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type":"hello","payload":{}}',
    });

    // Assert
    expect(response.status).toBe(200);
    expect(gateway.lastEvent('SubmitTask').requestContext.identity).toMatchObject({
      accessKey: CREDENTIALS.accessKeyId,
      accountId: '000000000000',
      caller: CREDENTIALS.accessKeyId,
      user: CREDENTIALS.accessKeyId,
      userArn: `arn:aws:iam::000000000000:user/${CREDENTIALS.accessKeyId}`,
    });
  });

  it('should verify signed paths that need encoding and signed query strings', async () => {
    // Act
    const response = await signedFetch(`${gateway.url}/tasks/a%20b%2Fc?x=1&y=two%20words&x=0`);

    // Assert
    expect(response.status).toBe(200);
    expect(gateway.lastEvent('GetTask').pathParameters).toEqual({ taskId: 'a b/c' });
  });

  it('should answer 403 InvalidSignatureException when the secret is wrong', async () => {
    // Act
    const response = await signedFetch(`${gateway.url}/tasks/t-1`, {
      credentials: { accessKeyId: CREDENTIALS.accessKeyId, secretAccessKey: 'not-the-secret' },
    });

    // Assert
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
    const body = (await json(response)) as { message: string };
    expect(body.message).toMatch(
      /^The request signature we calculated does not match the signature you provided\. Check your AWS Secret Access Key and signing method\./,
    );
    expect(body.message).toContain(
      "The Canonical String for this request should have been\n'GET\n/prod/tasks/t-1\n",
    );
  });

  it('should answer 403 when the body changed after signing', async () => {
    // Arrange
    const signed = await signedFetch(`${gateway.url}/tasks`, { method: 'POST', body: '{"a":1}' });
    expect(signed.status).toBe(200);

    // Act
    const headers = await signedHeaders(`${gateway.url}/tasks`, { method: 'POST', body: '{"a":1}' });
    const tampered = await fetch(`${gateway.url}/tasks`, { method: 'POST', headers, body: '{"a":2}' });

    // Assert
    expect(tampered.status).toBe(403);
  });

  it('should answer 403 with AWS message for an unknown access key', async () => {
    // Act
    const response = await signedFetch(`${gateway.url}/tasks/t-1`, {
      credentials: { accessKeyId: 'AKIDUNKNOWN', secretAccessKey: CREDENTIALS.secretAccessKey },
    });

    // Assert
    expect(response.status).toBe(403);
    expect(await json(response)).toEqual({
      message: 'The security token included in the request is invalid.',
    });
  });

  it('should answer 403 Signature expired for a signature older than 5 minutes', async () => {
    // Act
    const response = await signedFetch(`${gateway.url}/tasks/t-1`, {
      signingDate: new Date(Date.now() - 6 * 60 * 1000),
    });

    // Assert
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
    expect(((await json(response)) as { message: string }).message).toMatch(
      /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/,
    );
  });

  it('should answer 403 for a signature scoped to another region', async () => {
    // Act
    const response = await signedFetch(`${gateway.url}/tasks/t-1`, { region: 'eu-west-1' });

    // Assert
    expect(response.status).toBe(403);
    expect(await json(response)).toEqual({
      message: "Credential should be scoped to a valid region, not 'eu-west-1'. ",
    });
  });

  it('should answer 403 IncompleteSignatureException to an Authorization header that is not SigV4', async () => {
    // Act
    const response = await fetch(`${gateway.url}/tasks/t-1`, { headers: { Authorization: 'Bearer abc' } });

    // Assert
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('IncompleteSignatureException');
    expect(((await json(response)) as { message: string }).message).toContain(
      "Authorization header requires 'Credential' parameter.",
    );
  });

  it('should accept a presigned URL', async () => {
    // Arrange
    const url = await presignedUrl(`${gateway.url}/tasks/t-9`);

    // Act
    const response = await fetch(url);

    // Assert
    expect(response.status).toBe(200);
    expect(gateway.lastEvent('GetTask').pathParameters).toEqual({ taskId: 't-9' });
  });

  it('should refuse a presigned URL valid for more than a week, as AWS does', async () => {
    // Arrange
    const url = new URL(await presignedUrl(`${gateway.url}/tasks/t-9`));
    url.searchParams.set('X-Amz-Expires', '99999999');

    // Act
    const response = await fetch(url);

    // Assert
    expect(response.status).toBe(403);
    expect(((await json(response)) as { message: string }).message).toContain(
      'X-Amz-Expires must be an integer from 1 to 604800',
    );
  });

  it('should refuse a signature that does not cover Host', async () => {
    // Arrange
    const url = new URL(`${gateway.url}/tasks/t-9`);
    const signed = await new SignatureV4({
      service: 'execute-api',
      region: REGION,
      credentials: CREDENTIALS,
      sha256: NodeSha256,
    }).sign(
      {
        method: 'GET',
        protocol: 'http:',
        hostname: url.hostname,
        port: Number(url.port),
        path: url.pathname,
        headers: { host: url.host },
      },
      { unsignableHeaders: new Set(['host']) },
    );
    const { host: _host, ...headers } = signed.headers;

    // Act
    const response = await fetch(url, { headers });

    // Assert
    expect(headers.authorization).not.toMatch(/SignedHeaders=[^,]*host/);
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('IncompleteSignatureException');
  });
});

// curl signs with its own SigV4 implementation; where it has one, requests it signs must verify.
if (curlHasSigV4) {
  describe('API Gateway IAM authorization with curl --aws-sigv4', () => {
    let gateway: GatewayUnderTest;

    beforeAll(async () => {
      gateway = await startGateway(template());
    });

    afterAll(async () => {
      await gateway.stop();
    });

    const curl = (...args: string[]) =>
      run('curl', [
        '-s',
        '-o',
        '/dev/null',
        '-w',
        '%{http_code}',
        '--aws-sigv4',
        `aws:amz:${REGION}:execute-api`,
        '--user',
        `${CREDENTIALS.accessKeyId}:${CREDENTIALS.secretAccessKey}`,
        ...args,
      ]);

    it('should accept requests signed by curl --aws-sigv4', async () => {
      // Act
      const { stdout } = await curl(
        '-H',
        'content-type: application/json',
        '-d',
        '{"type":"hello","payload":{"name":"Ada"}}',
        `${gateway.url}/tasks`,
      );

      // Assert
      expect(stdout).toBe('200');
      expect(gateway.lastEvent('SubmitTask').body).toBe('{"type":"hello","payload":{"name":"Ada"}}');
    });

    it('should accept a GET with a query and an encoded path signed by curl', async () => {
      // Act
      const { stdout } = await curl(`${gateway.url}/tasks/a%20b?view=full&x=1`);

      // Assert
      expect(stdout).toBe('200');
      expect(gateway.lastEvent('GetTask')).toMatchObject({
        pathParameters: { taskId: 'a b' },
        queryStringParameters: { view: 'full', x: '1' },
      });
    });
  });
}
