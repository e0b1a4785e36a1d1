import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import JSON5 from 'json5';

/*
 * Reads the EventBridge conformance suite (answers recorded from AWS's TestEventPattern), vendored
 * unchanged with its README and license notice under test/fixtures/eventbridge-patterns.
 */
const suiteDir = path.resolve(__dirname, '..', '..', 'fixtures', 'eventbridge-patterns');
const casesDir = path.join(suiteDir, 'cases');

/** What AWS answered for a case. */
export type Expectation = 'match' | 'no match' | 'invalid';

/** One case: event and pattern as JSON text, as TestEventPattern receives them. */
export interface ConformanceCase {
  readonly name: string;
  readonly eventText: string;
  readonly patternText: string;
  readonly expected: Expectation;
}

interface SnapshotEntry {
  readonly 'recorded-content': Record<string, { exception_message?: { Error?: { Message?: string } } }>;
}

function expectationOf(name: string): Expectation {
  if (name.endsWith('_EXC')) return 'invalid';
  if (name.endsWith('_NEG')) return 'no match';
  return 'match';
}

/** Every case of the suite, plus the duplicate-key case read as raw text. */
export function loadConformanceCases(): ConformanceCase[] {
  const cases: ConformanceCase[] = readdirSync(casesDir)
    .filter((file) => file.endsWith('.json5'))
    .sort()
    .map((file) => {
      const name = file.replace(/\.json5$/, '');
      const parsed = JSON5.parse<{ Event: unknown; EventPattern: unknown }>(
        readFileSync(path.join(casesDir, file), 'utf8'),
      );
      return {
        name,
        eventText: JSON.stringify(parsed.Event),
        patternText: JSON.stringify(parsed.EventPattern),
        expected: expectationOf(name),
      };
    });
  // This pattern repeats a key on purpose, so it is read as raw text rather than parsed.
  cases.push({
    name: 'complex_multi_key_event',
    eventText: readFileSync(path.join(casesDir, 'complex_multi_key_event.json'), 'utf8'),
    patternText: readFileSync(path.join(casesDir, 'complex_multi_key_event_pattern.json'), 'utf8'),
    expected: 'match',
  });
  return cases;
}

/** The first line of the message AWS gave for an invalid case, if the snapshot recorded one. */
export function awsMessageFor(name: string): string | undefined {
  const snapshot = JSON.parse(
    readFileSync(path.join(suiteDir, 'aws-responses.snapshot.json'), 'utf8'),
  ) as Record<string, SnapshotEntry>;
  const key = Object.keys(snapshot).find((candidate) => candidate.endsWith(`test_event_pattern[${name}]`));
  const message = key
    ? snapshot[key]?.['recorded-content'][name]?.exception_message?.Error?.Message
    : undefined;
  return message?.split('\n')[0];
}

/** The snapshot masks the partition and region in messages; accept any value there. */
export function messagePattern(message: string): RegExp {
  const escaped = message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replace(/<partition>|<region>/g, '[^:]+')}$`);
}
