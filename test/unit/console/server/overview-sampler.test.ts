import type { OverviewSample } from '../../../../console/api-types';
import { OverviewSampler } from '../../../../console/server/overview-sampler';

const sampleAt = (at: number): OverviewSample => ({ at, channels: [], functions: [], rules: [] });

describe('OverviewSampler', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('samples slowly while nobody watches and every second while someone does', async () => {
    const read = jest.fn(async () => sampleAt(Date.now()));
    const sampler = new OverviewSampler({ read, watchedIntervalMs: 1000, unwatchedIntervalMs: 5000 });
    sampler.start();
    await jest.advanceTimersByTimeAsync(0);
    expect(read).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(4000);
    expect(read).toHaveBeenCalledTimes(1);

    const seen: number[] = [];
    const unsubscribe = sampler.subscribe((sample) => seen.push(sample.at));
    await jest.advanceTimersByTimeAsync(0);
    expect(read).toHaveBeenCalledTimes(2);
    await jest.advanceTimersByTimeAsync(3000);
    expect(read).toHaveBeenCalledTimes(5);
    expect(seen).toHaveLength(4);
    unsubscribe();
    await jest.advanceTimersByTimeAsync(4000);
    expect(read).toHaveBeenCalledTimes(6);
    await sampler.stop();
  });

  it('keeps the samples of the history window only', async () => {
    const sampler = new OverviewSampler({
      read: async () => sampleAt(Date.now()),
      unwatchedIntervalMs: 1000,
      historyMs: 3000,
    });
    sampler.start();
    await jest.advanceTimersByTimeAsync(10_000);
    const history = sampler.history();
    const first = history[0]?.at ?? Number.NaN;
    expect(history.map((sample) => sample.at - first)).toEqual([0, 1000, 2000, 3000]);
    expect(history.at(-1)?.at).toBe(Date.now());
    await sampler.stop();
  });

  it('reports a failed sample and keeps sampling', async () => {
    const errors: unknown[] = [];
    let fail = true;
    const sampler = new OverviewSampler({
      read: () => (fail ? Promise.reject(new Error('endpoint down')) : Promise.resolve(sampleAt(Date.now()))),
      unwatchedIntervalMs: 1000,
      onError: (error) => errors.push(error),
    });
    sampler.start();
    await jest.advanceTimersByTimeAsync(0);
    expect(errors).toHaveLength(1);
    fail = false;
    await jest.advanceTimersByTimeAsync(1000);
    expect(sampler.history()).toHaveLength(1);
    await expect(sampler.latest()).resolves.toEqual(sampleAt(Date.now()));
    await sampler.stop();
  });
});
