import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPERATIONS as EVENTBRIDGE_OPERATIONS } from '../../../local/eventbridge/operations/operation-table';
import { SQS_OPERATIONS } from '../../../local/sqs/protocol/sqs-operations';

const LOCAL = join(__dirname, '..', '..', '..', 'local');

/** The operation names a service's README lists in its "## Operations" section. */
const documentedOperations = (service: string): string[] => {
  const readme = readFileSync(join(LOCAL, service, 'README.md'), 'utf8');
  const section = /^## Operations\n([\s\S]*?)\nAnything else/m.exec(readme)?.[1] ?? '';
  return section
    .split(/[,.\s]+/)
    .filter((word) => /^[A-Z][A-Za-z]+$/.test(word))
    .sort();
};

describe("each service's README", () => {
  it.each([
    ['sqs', Object.keys(SQS_OPERATIONS)],
    ['eventbridge', [...EVENTBRIDGE_OPERATIONS.keys()]],
  ])('should list exactly the operations %s answers, as its operation table says', (service, implemented) => {
    expect(documentedOperations(service)).toEqual([...implemented].sort());
  });
});
