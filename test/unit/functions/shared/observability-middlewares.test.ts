import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { flushStoredMetrics } from '../../../../functions/shared/observability-middlewares';

/** A Metrics instance that prints, unlike the shared one the test setup disables. */
const printingMetrics = (): Metrics => {
  const disabled = process.env.POWERTOOLS_METRICS_DISABLED;
  delete process.env.POWERTOOLS_METRICS_DISABLED;
  try {
    return new Metrics({ namespace: 'Test', serviceName: 'flush-test' });
  } finally {
    process.env.POWERTOOLS_METRICS_DISABLED = disabled;
  }
};

/** Everything written to stdout and stderr while `run` runs, including Powertools' own console. */
async function output(run: () => Promise<unknown>): Promise<string> {
  const written: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(capture);
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    await run().catch(() => undefined);
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  return written.join('');
}

const context = { functionName: 'flush-test' } as Context;

describe('flushStoredMetrics', () => {
  it('says nothing when the invocation stored no metrics', async () => {
    const metrics = printingMetrics();
    const handler = middy(() => Promise.resolve('done')).use(flushStoredMetrics(metrics));
    expect(await output(() => handler({}, context))).toBe('');
  });

  it('publishes stored metrics after the handler returns', async () => {
    const metrics = printingMetrics();
    const handler = middy(() => {
      metrics.addMetric('ordersSeen', MetricUnit.Count, 2);
      return Promise.resolve();
    }).use(flushStoredMetrics(metrics));
    const printed = await output(() => handler({}, context));
    expect(JSON.parse(printed)).toMatchObject({ ordersSeen: 2 });
    expect(metrics.hasStoredMetrics()).toBe(false);
  });

  it('publishes stored metrics when the handler throws', async () => {
    const metrics = printingMetrics();
    const handler = middy(() => {
      metrics.addMetric('ordersFailed', MetricUnit.Count, 1);
      return Promise.reject(new Error('boom'));
    }).use(flushStoredMetrics(metrics));
    const printed = await output(() => handler({}, context));
    expect(JSON.parse(printed)).toMatchObject({ ordersFailed: 1 });
  });
});
