import { ValidationError } from '../errors';
import { compileEventPattern } from '../pattern-engine';
import type { Operation } from './operation-context';

/** The envelope fields AWS requires in TestEventPattern's Event. */
const REQUIRED_EVENT_FIELDS = ['id', 'account', 'source', 'time', 'region', 'detail-type'];

/** TestEventPattern: validates the pattern (InvalidEventPatternException) and the event, then matches. */
export const testEventPattern: Operation = (_context, input) => {
  const patternText = input.requiredString('EventPattern', { max: 4096 });
  const eventText = input.requiredString('Event');
  const pattern = compileEventPattern(patternText);
  let event: unknown;
  try {
    event = JSON.parse(eventText);
  } catch {
    throw new ValidationError('Parameter Event is not valid.');
  }
  const isObject = event !== null && typeof event === 'object' && !Array.isArray(event);
  if (!isObject || REQUIRED_EVENT_FIELDS.some((field) => !(field in (event as object)))) {
    throw new ValidationError('Parameter Event is not valid.');
  }
  return { Result: pattern.matches(event) };
};
