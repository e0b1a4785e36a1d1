import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqsModel } from '../../../../local';
import { getMetricStatistics } from '../../../../local/cloudwatch/get-metric-statistics';
import { SqsStore } from '../../../../local/sqs/store/sqs-store';

describe('local CloudWatch gauge sampling', () => {
  let dir: string;
  let store: SqsStore;
  let model: SqsModel;
  const minute = Date.parse('2026-11-29T12:01:00.000Z');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'switchyard-cloudwatch-'));
    store = new SqsStore(join(dir, 'sqs.db'));
    model = new SqsModel({ store, clock: () => minute - 30_000 });
    model.createQueue('sampled');
    model.sendMessage('sampled', 'waiting');
  });

  afterEach(() => {
    model.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const ask = (endTime: number, now: number) =>
    getMetricStatistics(
      model,
      {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: 'sampled' }],
        StartTime: (endTime - 15 * 60_000) / 1000,
        EndTime: endTime / 1000,
        Period: 60,
        Statistics: ['Maximum'],
      },
      now,
    );

  it("should answer a window that ended just before a minute boundary the server has crossed, in the window's last period", () => {
    // Act: the caller's "now" was 12:00:59.990, the server reads at 12:01:00.005
    const answer = ask(minute - 10, minute + 5);

    // Assert
    expect(answer.Datapoints).toEqual([{ Timestamp: (minute - 60_000) / 1000, Unit: 'Count', Maximum: 1 }]);
  });

  it('should answer nothing for a window that ended a period or more ago, since no history is kept', () => {
    // Act & Assert
    expect(ask(minute - 60_000, minute).Datapoints).toEqual([]);
  });
});
