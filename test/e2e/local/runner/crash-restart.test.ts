import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CloudProcess, startCloudProcess } from './support/cloud-process';
import { E2E_TIMEOUT_MS, SHARED_OUTDIR } from './support/local-cloud-fixture';
import { pollUntil } from './support/poll-until';
import { signedRequest } from './support/signed-api';
import { scanTasks } from './support/task-table';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';

jest.setTimeout(E2E_TIMEOUT_MS + 180_000);

const TASKS = 120;
const KILL_AFTER_ACCEPTED = 60;

describe('the local cloud killed with SIGKILL mid-flight', () => {
  let dataDir: string;
  let receiver: WebhookReceiver;
  let running: CloudProcess | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'switchyard-crash-'));
    // Slow answers keep deliveries in flight when the process dies.
    receiver = await startWebhookReceiver(() => 200, 300);
  });

  afterAll(async () => {
    await running?.kill();
    await receiver?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('should bring every accepted task to a final state after a restart on the same data folder', async () => {
    // Arrange
    const options = {
      apiPort: 0,
      awsPort: 0,
      dataDir,
      outdir: SHARED_OUTDIR,
      // A message of a killed invocation comes back after the visibility timeout (8 s here, not
      // 180 s); its task's lease (at most the 5 s function timeout) has expired by then.
      localOverrides: { visibilityTimeoutSeconds: 8, timeoutSeconds: 5 },
    };
    running = await startCloudProcess(options);
    const first = running;
    const api = {
      apiUrl: first.apiUrl,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    };
    const accepted: string[] = [];
    let killed: Promise<void> | undefined;
    const pending = Array.from({ length: TASKS }, (_, index) => index);

    // Act
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        for (
          let index = pending.shift();
          index !== undefined && killed === undefined;
          index = pending.shift()
        ) {
          const response = await signedRequest(api, 'POST', '/tasks', {
            type: 'webhook',
            payload: { url: `${receiver.url}/hooks/${index}`, body: { index } },
          }).catch(() => undefined);
          if (response?.status === 202) accepted.push((response.body as { taskId: string }).taskId);
          if (accepted.length >= KILL_AFTER_ACCEPTED) killed ??= first.kill();
        }
      }),
    );
    await (killed ?? first.kill());
    const inFlightAtKill = accepted.filter((taskId) => receiver.callsFor(taskId).length === 0).length;
    running = await startCloudProcess(options);
    const second = running;
    const tasks = await pollUntil(
      'every accepted task to reach a final state',
      async () => {
        const all = await scanTasks(second, second.outputs.TaskTableName as string);
        const final = all.filter(
          (task) =>
            accepted.includes(task.taskId) && (task.status === 'SUCCEEDED' || task.status === 'FAILED'),
        );
        return final.length === accepted.length ? final : undefined;
      },
      120_000,
      1000,
    );
    await second.stop();
    running = undefined;

    // Assert
    expect(accepted.length).toBeGreaterThanOrEqual(KILL_AFTER_ACCEPTED);
    expect(inFlightAtKill).toBeGreaterThan(0);
    expect(tasks.every((task) => task.status === 'SUCCEEDED')).toBe(true);
    for (const taskId of accepted) {
      // At-least-once: a delivery cut off by the kill may be repeated, never skipped.
      expect(receiver.callsFor(taskId).filter((call) => call.status === 200).length).toBeGreaterThanOrEqual(
        1,
      );
    }
    expect(second.child.exitCode).toBe(0);
  });
});
