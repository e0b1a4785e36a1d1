import type { ChannelOverview, OverviewSample } from '../api-types';

export interface OverviewSamplerOptions {
  /** The queues' counts, read through the AWS endpoint: the slow part of a sample. */
  readonly readChannels: () => Promise<readonly ChannelOverview[]>;
  /** The functions' and rules' counters, read in process: the cheap part. */
  readonly readCounters: () => Pick<OverviewSample, 'functions' | 'rules'>;
  /** Between samples while a page watches: the overview refreshes at least every 2 s. @default 1000 */
  readonly watchedIntervalMs?: number;
  /** Between samples while nobody watches, so a page that opens has its charts' recent past. @default 5000 */
  readonly unwatchedIntervalMs?: number;
  /**
   * How long a sample waits for the channels before it goes out with the last ones read; the
   * read goes on and the next sample has it. @default 800
   */
  readonly channelWaitMs?: number;
  /** How far back the charts reach. @default 10 minutes */
  readonly historyMs?: number;
  /** Told when the channels cannot be read; the next sample tries again. */
  readonly onError?: (error: unknown) => void;
}

/**
 * Samples the stack on a fixed schedule and hands each sample to the open overview streams. One
 * sampler whatever the number of pages open, so their cost does not multiply; and a sample
 * never waits long for the queues (busy under load) to send the counters read in process.
 */
export class OverviewSampler {
  private readonly samples: OverviewSample[] = [];
  private readonly watchers = new Set<(sample: OverviewSample) => void>();
  private channels: readonly ChannelOverview[] = [];
  private channelRead: Promise<void> | undefined;
  private sampling: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: OverviewSamplerOptions) {}

  start(): void {
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.sampling;
  }

  /** The samples of the last minutes, oldest first. */
  history(): OverviewSample[] {
    return [...this.samples];
  }

  /** The newest sample, taken now if there is none yet. */
  async latest(): Promise<OverviewSample> {
    if (this.samples.length === 0) await this.sampleNow();
    const newest = this.samples.at(-1);
    if (newest === undefined) throw new Error('the stack could not be sampled');
    return newest;
  }

  /** Hands every new sample to `watch` until the returned function is called. */
  subscribe(watch: (sample: OverviewSample) => void): () => void {
    const wasUnwatched = this.watchers.size === 0;
    this.watchers.add(watch);
    // A page that opens while the sampler waits out its unwatched interval gets live data at once.
    if (wasUnwatched) this.schedule(0);
    return () => this.watchers.delete(watch);
  }

  /** The next sample after `delayMs`; each schedules the one after it when it starts, not when it ends. */
  private schedule(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.schedule(
        this.watchers.size > 0
          ? (this.options.watchedIntervalMs ?? 1000)
          : (this.options.unwatchedIntervalMs ?? 5000),
      );
      void this.sampleNow();
    }, delayMs);
    this.timer.unref();
  }

  private sampleNow(): Promise<void> {
    this.sampling ??= this.takeSample().finally(() => {
      this.sampling = undefined;
    });
    return this.sampling;
  }

  private async takeSample(): Promise<void> {
    // A read still running from an earlier sample is not waited for again: the sample goes out now.
    const alreadyReading = this.channelRead !== undefined;
    this.channelRead ??= this.options
      .readChannels()
      .then((channels) => {
        this.channels = channels;
      })
      .catch((error: unknown) => this.options.onError?.(error))
      .finally(() => {
        this.channelRead = undefined;
      });
    // The first sample waits for the queues: an overview without its channels would mislead.
    if (this.samples.length === 0) await this.channelRead;
    if (!alreadyReading) {
      let waited: NodeJS.Timeout | undefined;
      await Promise.race([
        this.channelRead,
        new Promise<void>((resolve) => {
          waited = setTimeout(resolve, this.options.channelWaitMs ?? 800);
        }),
      ]);
      clearTimeout(waited);
    }
    if (this.stopped) return;
    this.record({ at: Date.now(), channels: this.channels, ...this.options.readCounters() });
  }

  private record(sample: OverviewSample): void {
    this.samples.push(sample);
    const oldest = sample.at - (this.options.historyMs ?? 10 * 60_000);
    while ((this.samples[0]?.at ?? oldest) < oldest) this.samples.shift();
    for (const watch of this.watchers) watch(sample);
  }
}
