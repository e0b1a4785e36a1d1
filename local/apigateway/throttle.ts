import type { ThrottleSettings } from './api-definition';

/**
 * The token bucket API Gateway throttles with: it holds `burstLimit` tokens, refills at
 * `rateLimit` per second, and each request takes one.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly settings: ThrottleSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = Math.max(0, settings.burstLimit);
    this.updatedAt = now();
  }

  /** Takes a token; false when the bucket is empty and the request must be throttled. */
  tryTake(): boolean {
    const now = this.now();
    const elapsedSeconds = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.settings.burstLimit, this.tokens + elapsedSeconds * this.settings.rateLimit);
    this.updatedAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** Stage throttling: a bucket for the stage and one per method that sets its own limits. */
export class StageThrottle {
  private readonly stage: TokenBucket;
  private readonly methods = new Map<string, TokenBucket>();

  constructor(
    stage: ThrottleSettings,
    methodSettings: ReadonlyMap<string, ThrottleSettings>,
    now: () => number = Date.now,
  ) {
    this.stage = new TokenBucket(stage, now);
    for (const [key, settings] of methodSettings) this.methods.set(key, new TokenBucket(settings, now));
  }

  /** False when the request for `resourcePath` and `httpMethod` is over a limit. */
  tryAcquire(resourcePath: string, httpMethod: string): boolean {
    const method =
      this.methods.get(`${resourcePath} ${httpMethod}`) ?? this.methods.get(`${resourcePath} *`) ?? undefined;
    // A method with its own limits is throttled by them instead of the stage's.
    return method ? method.tryTake() : this.stage.tryTake();
  }
}
