import {
  type CompiledEventPattern,
  compileEventPattern as compileWithEngine,
  EventPatternError,
} from '../../event-patterns';
import { InvalidEventPatternError } from './errors';

/*
 * The event-pattern engine (event-patterns/) as the service uses it. Every part of the service
 * reaches the engine through this module, so a pattern the engine refuses always becomes an
 * InvalidEventPatternError, which the protocol layer answers as `InvalidEventPatternException`
 * with the engine's message unchanged.
 */

export {
  CompiledEventPattern,
  compileRuleSet,
  type FlatEvent,
  flattenEvent,
  type RuleSet,
} from '../../event-patterns';

/**
 * Validates and compiles an event pattern given as JSON text, as PutRule and TestEventPattern
 * receive it.
 * @throws InvalidEventPatternError with AWS's reason when the pattern is invalid.
 */
export function compileEventPattern(text: string): CompiledEventPattern {
  try {
    return compileWithEngine(text);
  } catch (error) {
    if (error instanceof EventPatternError) throw new InvalidEventPatternError(error.reason);
    throw error;
  }
}
