import { errorMessage } from '../../common/error-summary';
import { compileEventPattern } from '../../event-patterns';
import { UsageError } from '../errors';

/** EventBridge's rule for replay names. */
const REPLAY_NAME = /^[.\-_A-Za-z0-9]{1,64}$/;

/** What to replay from the stack's archive, and to which rules. */
export interface ReplayParameters {
  /** Replays the events published from this instant... */
  readonly from: Date;
  /** ...to this one, which may not be in the future. @default now */
  readonly to?: Date;
  /**
   * Subscriptions (by channel name) whose rules receive the events. @default every rule of the
   * bus; with `pattern`, every subscription
   */
  readonly channels?: readonly string[];
  /** Rules (names or ARNs) that receive the events, besides those of `channels`; not with `pattern`. */
  readonly rules?: readonly string[];
  /**
   * An event pattern (JSON text, as EventBridge takes it): only the events it matches are
   * replayed, through temporary copies of the subscriptions' rules narrowed by it.
   */
  readonly pattern?: string;
  /** The replay's name, unique per account and region. @default `switchyard-<time>-<random>` */
  readonly name?: string;
}

/** An empty list selects nothing, so it means the same as no list. */
export const nonEmpty = (names: readonly string[] | undefined): readonly string[] | undefined =>
  names !== undefined && names.length > 0 ? names : undefined;

/** The pattern must be a valid event pattern, and combines with subscriptions only. */
export function checkReplayPattern({ pattern, rules }: Pick<ReplayParameters, 'pattern' | 'rules'>): void {
  if (pattern === undefined) return;
  if (nonEmpty(rules) !== undefined) {
    throw new UsageError(
      '--pattern cannot be combined with --rule',
      'narrow the pattern replay with --channel <subscription>, or leave --channel out to replay to every subscription',
    );
  }
  try {
    compileEventPattern(pattern);
  } catch (error) {
    throw new UsageError(
      `--pattern is not a valid event pattern: ${errorMessage(error)}`,
      `pass a JSON event pattern, e.g. --pattern '{"detail-type":["order.placed"]}'`,
    );
  }
}

/**
 * Checks the parameters before anything is called and answers the window: EventBridge wants
 * start < end <= now.
 * @throws UsageError naming the parameter as the CLI's option (`--from`, `--pattern`, ...).
 */
export function replayWindow(parameters: ReplayParameters, now: number): { from: Date; to: Date } {
  checkReplayPattern(parameters);
  const { from, to = new Date(now), name } = parameters;
  checkInstant('from', from);
  checkInstant('to', to);
  if (from >= to) {
    throw new UsageError(
      `--from (${from.toISOString()}) must be before --to (${to.toISOString()})`,
      'swap them, or widen the window',
    );
  }
  if (to.getTime() > now) {
    throw new UsageError(
      `--to (${to.toISOString()}) is in the future`,
      'end the window at now or earlier (--to now)',
    );
  }
  if (name !== undefined && !REPLAY_NAME.test(name)) {
    throw new UsageError(
      `--name must be 1 to 64 of A-Z a-z 0-9 . - _ (given ${name})`,
      'pick another name, or leave --name out for a generated one',
    );
  }
  return { from, to };
}

/** A Date made from text that is no time (`new Date('yesterday')`) holds NaN. */
function checkInstant(name: string, value: Date): void {
  if (Number.isNaN(value.getTime())) {
    throw new UsageError(
      `--${name} is not a valid time (given ${String(value)})`,
      `pass a valid Date, e.g. from ISO 8601 with an offset: 2026-11-29T15:00:00Z`,
    );
  }
}
