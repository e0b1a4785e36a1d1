import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StatusReport } from '../../../cli/operations';
import { queueNameOf } from '../../../cli/queue-attributes';
import { E2E_TIMEOUT_MS, startTestCloud, type TestCloud } from '../local/runner/support/local-cloud-fixture';
import { pollUntil } from '../local/runner/support/poll-until';
import { signedRequest } from '../local/runner/support/signed-api';
import { runCli } from './support/cli-runner';
import { type FakeControlPlane, startFakeControlPlane } from './support/fake-aws-control-plane';

jest.setTimeout(E2E_TIMEOUT_MS);

/**
 * The deployed-stack path: outputs from CloudFormation, ages from CloudWatch, credentials from
 * the default chain (environment variables here). No AWS account is reachable, so the control
 * plane is a fake and the queues and tables are the local cloud's, reached through the SDK's
 * standard AWS_ENDPOINT_URL_<SERVICE> variables, as a deployed stack's are reached through AWS.
 */
describe('switchyard against a deployed stack', () => {
  const savedEnv = { ...process.env };
  let test: TestCloud;
  let controlPlane: FakeControlPlane;
  let workDir: string;
  const aws = ['--stack', 'Switchyard', '--region', 'us-east-1'];
  const cli = (...argv: string[]) => runCli(argv, workDir);

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'switchyard-cli-aws-'));
    test = await startTestCloud();
    controlPlane = await startFakeControlPlane({
      stackName: 'Switchyard',
      outputs: test.cloud.outputs,
      oldestMessageAgeSeconds: { [queueNameOf(test.cloud.outputs.TaskQueueUrl ?? '')]: 42 },
    });
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_ENDPOINT_URL_CLOUDFORMATION: controlPlane.url,
      AWS_ENDPOINT_URL_CLOUDWATCH: controlPlane.url,
      AWS_ENDPOINT_URL_SQS: test.cloud.awsEndpoint,
      AWS_ENDPOINT_URL_DYNAMODB: test.cloud.awsEndpoint,
    });
    delete process.env.AWS_PROFILE;
  });

  afterAll(async () => {
    process.env = savedEnv;
    await controlPlane?.stop();
    await test?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  it("should read the stack's outputs and each queue's oldest message age from CloudWatch", async () => {
    // Act
    const json = await cli('status', ...aws, '--json');
    const table = await cli('status', ...aws);

    // Assert
    expect(json.code).toBe(0);
    const report = json.json<StatusReport>();
    expect(report.target).toEqual({ mode: 'aws', stackName: 'Switchyard', region: 'us-east-1' });
    expect(report.oldestMessageAge).toEqual({ available: true });
    expect(report.channels.map((channel) => [channel.name, channel.oldestMessageAgeSeconds])).toEqual([
      ['tasks', 42],
      ['flow-recorder', null],
      ['high-value-orders', null],
      ['task-failures', null],
    ]);
    expect(table.stdout).toMatch(/^tasks\s+\d+\s+\d+\s+\d+\s+42s\s+\d+$/m);
    expect(table.stderr).toContain('stack Switchyard in us-east-1');
  });

  it('should still show the depths when the credentials cannot read CloudWatch, saying why OLDEST is missing', async () => {
    // Arrange
    controlPlane.denyCloudWatch(true);

    // Act
    const json = await cli('status', ...aws, '--json');
    const table = await cli('status', ...aws);
    controlPlane.denyCloudWatch(false);

    // Assert
    expect(json.code).toBe(0);
    const report = json.json<StatusReport>();
    expect(report.oldestMessageAge).toEqual({
      available: false,
      reason: expect.stringMatching(/^CloudWatch GetMetricStatistics failed: .*not authorized/),
    });
    expect(report.channels.every((channel) => channel.oldestMessageAgeSeconds === null)).toBe(true);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^tasks\s+\d+\s+\d+\s+\d+\s+-\s+\d+$/m);
    expect(table.stderr).toMatch(
      /OLDEST is "-": CloudWatch GetMetricStatistics failed: .*\(operators need cloudwatch:GetMetricStatistics\)/,
    );
  });

  it("should sign with a named profile's credentials with --profile, and say which profile failed", async () => {
    // Arrange: a profile in the shared files, and no credentials in the environment
    const configFile = join(workDir, 'config');
    const credentialsFile = join(workDir, 'credentials');
    writeFileSync(configFile, '[profile ops]\nregion = us-east-1\n');
    writeFileSync(credentialsFile, '[ops]\naws_access_key_id = OPSKEY\naws_secret_access_key = ops-secret\n');
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    Object.assign(process.env, { AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile });
    controlPlane.accessKeyIds.length = 0;

    // Act
    const withProfile = await cli('status', '--stack', 'Switchyard', '--profile', 'ops', '--json');
    const unknown = await cli('status', '--stack', 'Switchyard', '--profile', 'nobody');
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: saved.id, AWS_SECRET_ACCESS_KEY: saved.secret });
    delete process.env.AWS_CONFIG_FILE;
    delete process.env.AWS_SHARED_CREDENTIALS_FILE;

    // Assert
    expect(withProfile.code).toBe(0);
    expect(withProfile.json<StatusReport>().target).toEqual({
      mode: 'aws',
      stackName: 'Switchyard',
      region: 'us-east-1',
    });
    expect(new Set(controlPlane.accessKeyIds)).toEqual(new Set(['OPSKEY']));
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(
      /no AWS region is configured for profile nobody[\s\S]*next: check that profile nobody exists in your AWS config/,
    );
  });

  it('should read a task record from the table the outputs name', async () => {
    // Arrange
    const submitted = await signedRequest(test.cloud, 'POST', '/tasks', { type: 'hello', payload: {} });
    const { taskId } = submitted.body as { taskId: string };

    // Act
    const record = await pollUntil('the task to succeed', async () => {
      const result = await cli('tasks', 'get', taskId, ...aws, '--json');
      const parsed = result.code === 0 ? result.json<{ status: string }>() : undefined;
      return parsed?.status === 'SUCCEEDED' ? parsed : undefined;
    });

    // Assert
    expect(record).toMatchObject({ taskId, status: 'SUCCEEDED', result: { greeting: 'Hello, World!' } });
  });

  it('should exit 1 and say which options to check when the stack does not exist', async () => {
    // Act
    const result = await cli('status', '--stack', 'Elsewhere', '--region', 'us-east-1');

    // Assert
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /stack Elsewhere was not found in us-east-1[\s\S]*next: pass the deployed stack name with --stack/,
    );
  });
});
