import type { ChannelOverview } from '../../../../console/api-types';
import { OverviewSampler } from '../../../../console/server/overview-sampler';

const channel = (queued: number): ChannelOverview => ({
  name: 'tasks',
  kind: 'tasks',
  queued,
  inFlight: 0,
  delayed: 0,
  oldestMessageAgeSeconds: null,
  deadLetters: 0,
});
const counters = () => ({ functions: [], rules: [] });

describe('OverviewSampler', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('samples slowly while nobody watches and every second while someone does', async () => {
    const readChannels = jest.fn(async () => [channel(1)]);
    const sampler = new OverviewSampler({ readChannels, readCounters: counters });
    sampler.start();
    await jest.advanceTimersByTimeAsync(0);
    expect(readChannels).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(4000);
    expect(readChannels).toHaveBeenCalledTimes(1);

    const seen: number[] = [];
    const unsubscribe = sampler.subscribe((sample) => seen.push(sample.at));
    await jest.advanceTimersByTimeAsync(0);
    await jest.advanceTimersByTimeAsync(3000);
    expect(readChannels).toHaveBeenCalledTimes(5);
    expect(seen).toHaveLength(4);
    unsubscribe();
    await jest.advanceTimersByTimeAsync(4000);
    expect(readChannels).toHaveBeenCalledTimes(6);
    await sampler.stop();
  });

  it('keeps its pace while the queues answer slowly, sending the last channels with fresh counters', async () => {
    // The first read answers at once, every later one takes 4.8 s.
    let reads = 0;
    const readChannels = () => {
      reads += 1;
      const queued = reads;
      return new Promise<ChannelOverview[]>((resolve) =>
        setTimeout(() => resolve([channel(queued)]), reads === 1 ? 0 : 4800),
      );
    };
    let invocations = 0;
    const readCounters = () => {
      invocations += 1;
      return { functions: [{ ...fn, invocations }], rules: [] };
    };
    const sampler = new OverviewSampler({ readChannels, readCounters, channelWaitMs: 500 });
    const samples: Array<{ at: number; queued: number | undefined; invocations: number | undefined }> = [];
    sampler.subscribe((sample) =>
      samples.push({
        at: sample.at,
        queued: sample.channels[0]?.queued,
        invocations: sample.functions[0]?.invocations,
      }),
    );
    await jest.advanceTimersByTimeAsync(7000);
    const gaps = samples.slice(1).map((sample, index) => sample.at - (samples[index]?.at ?? 0));
    // At most the interval plus the wait for a fresh read: within the 2 s a page expects.
    expect(Math.max(...gaps)).toBeLessThanOrEqual(1500);
    expect(samples.length).toBeGreaterThanOrEqual(7);
    // One slow read at a time: it is not started again each second.
    expect(reads).toBe(3);
    expect(samples.map((sample) => sample.invocations)).toEqual(samples.map((_, index) => index + 1));
    expect(samples.at(-1)?.queued).toBe(2);
    await sampler.stop();
  });

  it('keeps the samples of the history window only', async () => {
    const sampler = new OverviewSampler({
      readChannels: async () => [],
      readCounters: counters,
      unwatchedIntervalMs: 1000,
      historyMs: 3000,
    });
    sampler.start();
    await jest.advanceTimersByTimeAsync(10_000);
    const history = sampler.history();
    const first = history[0]?.at ?? Number.NaN;
    expect(history.map((sample) => sample.at - first)).toEqual([0, 1000, 2000, 3000]);
    await sampler.stop();
  });

  it('reports a failed channel read and keeps sampling', async () => {
    const errors: unknown[] = [];
    let fail = true;
    const sampler = new OverviewSampler({
      readChannels: () => (fail ? Promise.reject(new Error('endpoint down')) : Promise.resolve([channel(3)])),
      readCounters: counters,
      unwatchedIntervalMs: 1000,
      onError: (error) => errors.push(error),
    });
    sampler.start();
    await jest.advanceTimersByTimeAsync(0);
    expect(errors).toHaveLength(1);
    fail = false;
    await jest.advanceTimersByTimeAsync(1000);
    await expect(sampler.latest()).resolves.toMatchObject({ channels: [channel(3)] });
    await sampler.stop();
  });
});

const fn = {
  name: 'Worker',
  invocations: 0,
  errors: 0,
  throttles: 0,
  durationP50Ms: null,
  durationP99Ms: null,
  coldStarts: 0,
  environments: 0,
  running: 0,
};
