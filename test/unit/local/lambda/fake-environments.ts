import type { LambdaFunctionDefinition } from '../../../../local/lambda/function-definition';
import { FunctionInstance } from '../../../../local/lambda/function-instance';
import { LambdaInvocationError, LambdaTimeoutError } from '../../../../local/lambda/lambda-errors';

/** How a fake environment runs an invocation: for how long (on the fake clock) and how it ends. */
export interface FakeInvocation {
  readonly ms?: number;
  readonly outcome?: 'success' | 'error' | 'timeout' | 'crash';
}

/** A function definition; no code is loaded, the environments are fakes. */
export function aDefinition(overrides: Partial<LambdaFunctionDefinition> = {}): LambdaFunctionDefinition {
  const name = overrides.name ?? 'fn';
  return {
    logicalId: 'Fn',
    name,
    arn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
    codeDir: '/nowhere',
    handler: 'index.handler',
    environment: {},
    timeoutSeconds: 3,
    memorySizeMb: 128,
    logGroupName: `/aws/lambda/${name}`,
    ...overrides,
  };
}

/** One fake execution environment: runs no worker, does what each event says. */
class FakeInstance {
  isAlive = true;

  constructor(
    readonly initMs: number,
    private readonly environments: FakeEnvironments,
  ) {}

  async invoke(event: unknown): Promise<unknown> {
    const { ms = 0, outcome = 'success' } = (event ?? {}) as FakeInvocation;
    // Advanced before the first await: the pool reads the clock just before and just after.
    this.environments.now += ms;
    await this.environments.gate;
    switch (outcome) {
      case 'error':
        throw new LambdaInvocationError('fn', 'TypeError', 'bad input');
      case 'timeout':
        this.isAlive = false;
        throw new LambdaTimeoutError('fn', 3000);
      case 'crash':
        this.isAlive = false;
        throw new LambdaInvocationError('fn', 'Runtime.ExitError', 'Runtime exited');
      default:
        return { ok: true };
    }
  }

  terminate(): Promise<void> {
    this.isAlive = false;
    return Promise.resolve();
  }
}

/**
 * Replaces worker threads with fake environments (`FunctionInstance.start` is spied on), with a
 * fake clock for durations and a gate that holds invocations until released.
 */
export class FakeEnvironments {
  /** The fake clock, in ms; pass `() => environments.now` as the pool's clock. */
  now = 0;
  /** Invocations wait on it; resolved unless `hold()` was called. */
  gate: Promise<void> = Promise.resolve();
  /** The init duration of the next cold start; each cold start adds one. */
  nextInitMs = 0;
  /** When set, the next cold start fails with it (the handler could not load). */
  failNextStart: Error | undefined;
  private open: () => void = () => undefined;

  install(): this {
    jest.spyOn(FunctionInstance, 'start').mockImplementation(() => {
      const failure = this.failNextStart;
      this.failNextStart = undefined;
      if (failure !== undefined) return Promise.reject(failure);
      const instance = new FakeInstance(this.nextInitMs, this);
      this.nextInitMs += 1;
      // The pool uses only what FakeInstance has; the class's constructor is private.
      return Promise.resolve(instance as unknown as FunctionInstance);
    });
    return this;
  }

  /** Invocations started from now on wait until `release()`. */
  hold(): void {
    this.gate = new Promise((resolve) => {
      this.open = resolve;
    });
  }

  release(): void {
    this.open();
    this.gate = Promise.resolve();
  }
}
