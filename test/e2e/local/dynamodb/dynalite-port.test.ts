import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynaliteService } from '../../../../local';
import { httpRequest } from '../endpoint/http-request';

const listTables = (port: number, headers: Record<string, string> = {}) =>
  httpRequest(`http://127.0.0.1:${port}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.ListTables',
      ...headers,
    },
    body: '{}',
  });

describe("dynalite's own port", () => {
  let dir: string;
  let dynamo: DynaliteService;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'switchyard-dynalite-'));
    dynamo = await DynaliteService.start({ path: join(dir, 'dynamodb') });
  });

  afterAll(async () => {
    await dynamo.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should hand dynalite a request that names it as 127.0.0.1 and its port, as the endpoint does', async () => {
    // Act: unsigned, so dynalite itself answers with DynamoDB's own error
    const response = await listTables(dynamo.port);

    // Assert
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toMatchObject({
      __type: expect.stringContaining('MissingAuthenticationToken'),
    });
  });

  it.each(['evil.example', 'evil.example:<port>', 'localhost'])(
    'should refuse a request whose Host is %s, as a rebound DNS name would send it',
    async (host) => {
      // Act
      const response = await listTables(dynamo.port, { host: host.replace('<port>', String(dynamo.port)) });

      // Assert
      expect(response.status).toBe(403);
    },
  );
});
