import { errorMessage } from '../../common/error-summary';
import { type LambdaInvoker, TargetUnreachableError } from '../eventbridge';
import type { LambdaRuntime } from './lambda-runtime';

/** How asynchronous invocations retry. */
export interface AsyncInvokeOptions {
  /**
   * Delay before each retry of a failed invocation; Lambda retries an asynchronous event twice.
   * @default [1000, 2000] - shortened from Lambda's minute-scale backoff so local runs settle fast
   */
  readonly retryDelaysMs?: readonly number[];
  /** Operational messages (an event that failed every attempt). */
  readonly log: (line: string) => void;
}

/** An asynchronous invoker that can also wait for the events it accepted. */
export interface AsyncLambdaInvoker extends LambdaInvoker {
  /** Refuses new events and resolves when every accepted one has run (or failed every attempt). */
  drain(): Promise<void>;
}

/**
 * Asynchronous invocation (InvocationType `Event`) for EventBridge Lambda targets: the event is
 * accepted as soon as the function exists, then runs in the background with Lambda's two
 * retries. Accepted events are held in memory, so a crash of the local cloud loses those not
 * yet run (AWS keeps them durably).
 */
export function lambdaTargetInvoker(runtime: LambdaRuntime, options: AsyncInvokeOptions): AsyncLambdaInvoker {
  const retryDelaysMs = options.retryDelaysMs ?? [1000, 2000];
  const running = new Set<Promise<void>>();
  let draining = false;

  const runWithRetries = async (functionArn: string, event: unknown): Promise<void> => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await runtime.invoke(functionArn, event);
        return;
      } catch (error) {
        const delay = retryDelaysMs[attempt];
        if (delay === undefined) {
          options.log(
            `${functionArn}: asynchronous event failed ${attempt + 1} times, dropped: ${errorMessage(error)}`,
          );
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  };

  /** The event of an invocation Lambda would accept; what it would refuse throws, naming why. */
  const acceptedEvent = (functionArn: string, payload: string): unknown => {
    if (draining) {
      // Refused rather than accepted and lost: EventBridge keeps the event and retries it.
      throw new TargetUnreachableError('The local Lambda runtime is shutting down', 'THROTTLING');
    }
    if (runtime.find(functionArn) === undefined) {
      throw new TargetUnreachableError(`Function not found: ${functionArn}`, 'RESOURCE_NOT_FOUND');
    }
    if (runtime.throttleIfSaturated(functionArn)) {
      // Refused, not accepted into memory: EventBridge keeps the event durably and retries it,
      // as it does when Lambda throttles an asynchronous invocation.
      throw new TargetUnreachableError(`${functionArn}: every local environment is busy`, 'THROTTLING');
    }
    try {
      return JSON.parse(payload);
    } catch {
      throw new TargetUnreachableError('The event payload is not valid JSON', 'INVALID_PARAMETER');
    }
  };

  return {
    invokeAsync(functionArn: string, payload: string): Promise<void> {
      let event: unknown;
      try {
        event = acceptedEvent(functionArn, payload);
      } catch (error) {
        return Promise.reject(error);
      }
      const run = runWithRetries(functionArn, event);
      running.add(run);
      void run.finally(() => running.delete(run));
      return Promise.resolve();
    },
    async drain(): Promise<void> {
      draining = true;
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
