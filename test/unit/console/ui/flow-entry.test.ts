import { describeFlowEntry } from '../../../../console/ui/lib/flow-entry';

const at = '2025-01-01T10:00:00.000Z';

describe('flow timeline entries', () => {
  it('should describe a failed task attempt with its reason and the task to link', () => {
    // Act
    const view = describeFlowEntry({
      kind: 'TASK',
      at,
      taskId: 't-1',
      taskType: 'webhook',
      event: 'FAILED',
      attempt: 3,
      message: 'HTTP 503',
    });

    // Assert
    expect(view).toEqual({
      what: 'Task failed · webhook',
      detail: 'attempt 3 · HTTP 503',
      tone: 'failure',
      taskId: 't-1',
    });
  });

  it('should describe a published event with its source and replay', () => {
    expect(
      describeFlowEntry({
        kind: 'EVENT_PUBLISHED',
        at,
        eventId: 'e-1',
        type: 'order.placed',
        source: 'shop',
        replayName: 'r-1',
      }),
    ).toEqual({
      what: 'Event order.placed published · by shop',
      detail: 'event e-1 · replay r-1',
      tone: 'neutral',
    });
  });

  it('should mark a rejected consumption as a failure', () => {
    // Act
    const view = describeFlowEntry({
      kind: 'EVENT_CONSUMED',
      at,
      eventId: 'e-1',
      type: 'task.failed',
      subscription: 'alerts',
      outcome: 'REJECTED',
    });

    // Assert
    expect(view.what).toBe('Event task.failed consumed · by alerts');
    expect(view.detail).toBe('rejected · event e-1');
    expect(view.tone).toBe('failure');
  });

  it('should leave out what a task entry does not carry', () => {
    expect(
      describeFlowEntry({ kind: 'TASK', at, taskId: 't-1', taskType: 'webhook', event: 'ACCEPTED' }),
    ).toEqual({
      what: 'Task accepted · webhook',
      detail: '',
      tone: 'neutral',
      taskId: 't-1',
    });
  });

  it('should show an unknown kind with its fields', () => {
    // Arrange: a kind a newer server may send, beyond the contract's union.
    const entry = { kind: 'WEBHOOK_SENT', at, url: 'https://x', status: 200 } as unknown as Parameters<
      typeof describeFlowEntry
    >[0];

    // Act
    const view = describeFlowEntry(entry);

    // Assert
    expect(view).toEqual({ what: 'WEBHOOK_SENT', detail: 'url=https://x · status=200', tone: 'neutral' });
  });
});
