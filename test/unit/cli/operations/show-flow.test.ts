import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { OperationError, UsageError } from '../../../../cli/errors';
import { showFlow } from '../../../../cli/operations/show-flow';
import { testContext } from './support/operation-context';
import { failedTaskRecord } from './support/task-record';

const documents = mockClient(DynamoDBDocumentClient);

beforeEach(() => {
  documents.reset();
  documents.on(QueryCommand).resolves({ Items: [] });
});

describe('showFlow', () => {
  it("should merge the tasks' history with the flow items in time order", async () => {
    // Arrange
    documents.on(QueryCommand, { TableName: 'tasks' }).resolves({
      Items: [failedTaskRecord({ history: [{ event: 'ACCEPTED', at: '2026-11-29T15:00:00.000Z' }] })],
    });
    documents.on(QueryCommand, { TableName: 'flows' }).resolves({
      Items: [
        {
          correlationId: 'c-1',
          sk: 'event#e-1',
          kind: 'EVENT_PUBLISHED',
          at: '2026-11-29T14:59:59.000Z',
          eventId: 'e-1',
          type: 'order.placed',
          source: 'com.example.shop',
        },
      ],
    });

    // Act
    const flow = await showFlow(testContext(), { correlationId: 'c-1' });

    // Assert
    expect(flow).toEqual({
      correlationId: 'c-1',
      timeline: [
        {
          kind: 'EVENT_PUBLISHED',
          at: '2026-11-29T14:59:59.000Z',
          eventId: 'e-1',
          type: 'order.placed',
          source: 'com.example.shop',
        },
        {
          kind: 'TASK',
          taskId: 't-1',
          taskType: 'webhook.deliver',
          event: 'ACCEPTED',
          at: '2026-11-29T15:00:00.000Z',
        },
      ],
    });
  });

  it('should throw a UsageError without reading anything for an invalid correlation id', async () => {
    // Act
    const result = showFlow(testContext(), { correlationId: 'not valid' });

    // Assert
    await expect(result).rejects.toThrow(UsageError);
    await expect(result).rejects.toThrow('invalid correlation id not valid');
    expect(documents.calls()).toHaveLength(0);
  });

  it('should throw an OperationError when nothing carried the correlation id', async () => {
    // Act
    const result = showFlow(testContext(), { correlationId: 'c-404' });

    // Assert
    await expect(result).rejects.toThrow(OperationError);
    await expect(result).rejects.toThrow('no flow has correlation id c-404');
  });
});
