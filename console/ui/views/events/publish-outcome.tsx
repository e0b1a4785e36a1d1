import type { PublishResult } from '../../../api-types';
import { JsonBlock } from '../../components/json-block';
import { flowHref } from '../../lib/router';

/** The stack API's answer to a publish, with the flow it started. */
export function PublishOutcome({ result }: { readonly result: PublishResult }) {
  const accepted = result.statusCode >= 200 && result.statusCode < 300;
  return (
    <div class={`notice ${accepted ? 'notice-success' : 'notice-error'}`}>
      <p>
        <strong>{accepted ? 'Published.' : 'The stack refused the event.'}</strong> The API answered{' '}
        <span data-testid="publish-status">{result.statusCode}</span>.
        {result.correlationId === null ? null : (
          <>
            {' '}
            <a href={flowHref(result.correlationId)} data-testid="publish-flow-link">
              Open flow {result.correlationId}
            </a>
          </>
        )}
      </p>
      <JsonBlock value={result.body} label="API answer body" />
    </div>
  );
}
