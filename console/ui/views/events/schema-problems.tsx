import type { SchemaProblem } from '../../lib/schema-check';

interface Props {
  /** Referenced by the editor's aria-describedby. */
  readonly id: string;
  readonly problems: readonly SchemaProblem[];
  /** Whether there is a schema to check against yet. */
  readonly checked: boolean;
}

/** What is wrong with the editor's JSON, beside it, each problem at its path. */
export function SchemaProblems({ id, problems, checked }: Props) {
  return (
    <div class="schema-problems" id={id} data-testid="schema-problems">
      <h3 class="small-heading">Schema check</h3>
      {problems.length === 0 ? (
        <p class="muted">{checked ? 'No problems found.' : 'Pick an event type.'}</p>
      ) : (
        <ul class="problem-list" aria-label="Problems with the data">
          {problems.map((problem) => (
            <li key={`${problem.path}:${problem.message}`}>
              <code>{problem.path}</code> {problem.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
