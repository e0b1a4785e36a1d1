import { type FlowView, getFlow } from '../../functions/get-flow/get-flow';
import { NotFoundError, ValidationError } from '../../functions/shared/errors';
import { FlowStore } from '../../functions/shared/flow-store';
import { TaskStore } from '../../functions/shared/task-store';
import { requireOutput } from '../channels';
import { OperationError, UsageError } from '../errors';
import type { OperationContext } from './operation-context';

export type { FlowView, TimelineEntry } from '../../functions/get-flow/get-flow';

/** Which flow to show. */
export interface FlowParameters {
  /** The X-Correlation-Id of a response: 1 to 128 of A-Z a-z 0-9 . _ : - */
  readonly correlationId: string;
}

/**
 * The timeline of one flow: task state changes, events published and consumed, in time order;
 * what `switchyard flows show --json` prints. It is the merge the GET /flows route answers with,
 * so the CLI, the console and the API never disagree.
 * @throws UsageError for an invalid correlation id; OperationError when nothing carried it.
 */
export async function showFlow(
  { target, clients }: OperationContext,
  { correlationId }: FlowParameters,
): Promise<FlowView> {
  const stores = {
    tasks: new TaskStore(clients.dynamoDb, requireOutput(target, 'TaskTableName')),
    flows: new FlowStore(clients.dynamoDb, requireOutput(target, 'FlowTableName')),
  };
  try {
    return await getFlow(stores, correlationId);
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new UsageError(
        `invalid correlation id ${correlationId}`,
        'a correlation id is 1 to 128 of A-Z a-z 0-9 . _ : - (the X-Correlation-Id of a response)',
      );
    }
    if (error instanceof NotFoundError) {
      throw new OperationError(
        `no flow has correlation id ${correlationId}`,
        'check the id (the X-Correlation-Id response header) and the stack (--local, --stack); flows are kept 30 days',
      );
    }
    throw error;
  }
}
