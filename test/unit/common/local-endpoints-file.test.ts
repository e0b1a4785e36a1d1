import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ENDPOINTS_FILE_NAME,
  endpointsFilePath,
  type LocalEndpoints,
  readLocalEndpoints,
} from '../../../common/local-endpoints-file';

describe('the endpoints file', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'switchyard-endpoints-'));
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('should be endpoints.json in the data folder', () => {
    // Act
    const file = endpointsFilePath(dataDir);

    // Assert
    expect(file).toBe(join(dataDir, 'endpoints.json'));
    expect(ENDPOINTS_FILE_NAME).toBe('endpoints.json');
  });

  it('should be undefined when the data folder has no endpoints file', () => {
    // Act
    const endpoints = readLocalEndpoints(dataDir);

    // Assert
    expect(endpoints).toBeUndefined();
  });

  it.each<[string, LocalEndpoints]>([
    [
      'the AWS services alone',
      {
        awsEndpoint: 'http://127.0.0.1:4566',
        region: 'us-east-1',
        accessKeyId: 'test',
        secretAccessKey: 'test',
      },
    ],
    [
      'the whole stack',
      {
        apiUrl: 'http://127.0.0.1:3000/prod',
        awsEndpoint: 'http://127.0.0.1:4566',
        region: 'eu-west-1',
        accessKeyId: 'test',
        secretAccessKey: 'test',
        stackName: 'Switchyard',
        outputs: { TaskQueueUrl: 'http://127.0.0.1:4566/000000000000/tasks' },
      },
    ],
  ])('should read what the local cloud writes for %s', (_, written) => {
    // Arrange
    writeFileSync(endpointsFilePath(dataDir), JSON.stringify(written));

    // Act
    const endpoints = readLocalEndpoints(dataDir);

    // Assert
    expect(endpoints).toEqual(written);
  });

  it.each([
    ['another JSON document', { name: 'switchyard', version: '1.0.0' }],
    ['an endpoints file without credentials', { awsEndpoint: 'http://127.0.0.1:4566', region: 'us-east-1' }],
    [
      'a port instead of a URL',
      { awsEndpoint: 4566, region: 'us-east-1', accessKeyId: 'a', secretAccessKey: 'b' },
    ],
    ['an array', []],
    ['null', null],
  ])('should refuse %s, naming the file', (_, content) => {
    // Arrange
    writeFileSync(endpointsFilePath(dataDir), JSON.stringify(content));

    // Act
    const read = () => readLocalEndpoints(dataDir);

    // Assert
    expect(read).toThrow(`${endpointsFilePath(dataDir)} is not a local cloud endpoints file`);
  });

  it('should refuse a file that is not JSON', () => {
    // Arrange
    writeFileSync(endpointsFilePath(dataDir), '{ "awsEndpoint": ');

    // Act
    const read = () => readLocalEndpoints(dataDir);

    // Assert
    expect(read).toThrow(SyntaxError);
  });
});
