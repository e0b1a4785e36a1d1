import type { OverviewSample } from '../api-types';

export interface OverviewSamplerOptions {
  /** Reads one sample of the stack. */
  readonly read: () => Promise<OverviewSample>;
  /** Between samples while a page watches: the overview refreshes at least every 2 s. @default 1000 */
  readonly watchedIntervalMs?: number;
  /** Between samples while nobody watches, so a page that opens has its charts' recent past. @default 5000 */
  readonly unwatchedIntervalMs?: number;
  /** How far back the charts reach. @default 10 minutes */
  readonly historyMs?: number;
  /** Told when a sample cannot be read; the next one is tried on schedule. */
  readonly onError?: (error: unknown) => void;
}

/**
 * Samples the stack on a schedule and hands each sample to the open overview streams. One
 * sample at a time, whatever the number of pages open: their cost does not multiply.
 */
export class OverviewSampler {
  private readonly samples: OverviewSample[] = [];
  private readonly watchers = new Set<(sample: OverviewSample) => void>();
  private timer: NodeJS.Timeout | undefined;
  private sampling: Promise<void> | undefined;
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

  /** The newest sample, read now if there is none yet. */
  async latest(): Promise<OverviewSample> {
    const newest = this.samples.at(-1);
    if (newest !== undefined) return newest;
    await this.sampleNow();
    const read = this.samples.at(-1);
    if (read === undefined) throw new Error('the stack could not be sampled');
    return read;
  }

  /** Hands every new sample to `watch` until the returned function is called. */
  subscribe(watch: (sample: OverviewSample) => void): () => void {
    const wasUnwatched = this.watchers.size === 0;
    this.watchers.add(watch);
    // A page that opens while the sampler waits out its unwatched interval gets live data at once.
    if (wasUnwatched && this.sampling === undefined) this.schedule(0);
    return () => this.watchers.delete(watch);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      void this.sampleNow().then(() =>
        this.schedule(
          this.watchers.size > 0
            ? (this.options.watchedIntervalMs ?? 1000)
            : (this.options.unwatchedIntervalMs ?? 5000),
        ),
      );
    }, delayMs);
    this.timer.unref();
  }

  private sampleNow(): Promise<void> {
    this.sampling ??= this.options
      .read()
      .then((sample) => this.record(sample))
      .catch((error: unknown) => this.options.onError?.(error))
      .finally(() => {
        this.sampling = undefined;
      });
    return this.sampling;
  }

  private record(sample: OverviewSample): void {
    this.samples.push(sample);
    const oldest = sample.at - (this.options.historyMs ?? 10 * 60_000);
    while ((this.samples[0]?.at ?? oldest) < oldest) this.samples.shift();
    for (const watch of this.watchers) watch(sample);
  }
}
