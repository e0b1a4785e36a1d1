import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { OperationError } from '../../../../cli/errors';
import { getTaskRecord } from '../../../../cli/operations/get-task-record';
import { testContext, testTarget } from './support/operation-context';
import { failedTaskRecord } from './support/task-record';

const documents = mockClient(DynamoDBDocumentClient);

beforeEach(() => documents.reset());

describe('getTaskRecord', () => {
  it('should answer the record as stored, read consistently from the task table of the outputs', async () => {
    // Arrange
    const record = failedTaskRecord();
    documents.on(GetCommand).resolves({ Item: record });

    // Act
    const result = await getTaskRecord(testContext(), { taskId: 't-1' });

    // Assert
    expect(result).toEqual(record);
    expect(documents.commandCalls(GetCommand)[0]?.args[0].input).toEqual({
      TableName: 'tasks',
      Key: { taskId: 't-1' },
      ConsistentRead: true,
    });
  });

  it('should throw an OperationError naming the task and the table when there is no such task', async () => {
    // Arrange
    documents.on(GetCommand).resolves({});

    // Act
    const result = getTaskRecord(testContext(), { taskId: 't-404' });

    // Assert
    await expect(result).rejects.toThrow(OperationError);
    await expect(result).rejects.toThrow('no task t-404 in tasks');
  });

  it('should throw an OperationError before any call when the stack has no task table', async () => {
    // Arrange
    const context = testContext(testTarget({ outputs: {} }));

    // Act
    const result = getTaskRecord(context, { taskId: 't-1' });

    // Assert
    await expect(result).rejects.toThrow('stack Switchyard in eu-west-1 has no output TaskTableName');
    expect(documents.calls()).toHaveLength(0);
  });
});
