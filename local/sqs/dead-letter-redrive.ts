import { randomUUID } from 'node:crypto';
import type { MessageMoveTask, MoveTaskHost } from './engine/message-move-tasks';
import type { SqsMessage } from './sqs-message';
import type { SqsQueue } from './sqs-queue';
import type { SqsState } from './sqs-state';

/** What message move tasks need from the model: movable messages, moving one durably, saving tasks. */
export class DeadLetterRedrive implements MoveTaskHost {
  constructor(private readonly state: SqsState) {}

  findQueueByArn(arn: string): SqsQueue | undefined {
    return this.state.findQueueByArn(arn);
  }

  isDeadLetterQueue(queue: SqsQueue): boolean {
    return this.state.deadLetterSources(queue).length > 0;
  }

  movableMessages(queue: SqsQueue): SqsMessage[] {
    const now = this.state.clock();
    const isExpired = this.state.expiryCheck(queue, now);
    return [...queue.messages.values()].filter((m) => m.visibleAt <= now && !isExpired(m));
  }

  saveTask(task: MessageMoveTask): void {
    this.state.store.putMoveTask(task);
  }

  loadTasks(): MessageMoveTask[] {
    return this.state.store.loadMoveTasks();
  }

  /** A fresh message in the destination (new id, counters reset); the original leaves the DLQ. */
  moveMessage(source: SqsQueue, message: SqsMessage, destination: SqsQueue): void {
    const now = this.state.clock();
    let sequenceNumber: string | undefined;
    if (destination.isFifo) {
      destination.sequence += 1n;
      sequenceNumber = destination.sequence.toString();
    }
    const copy: SqsMessage = {
      ...message,
      messageId: randomUUID(),
      sentTimestamp: now,
      enqueuedAt: now,
      arrivedAt: now,
      sequenceNumber,
      deadLetterSourceArn: undefined,
      visibleAt: now,
      receiveCount: 0,
      firstReceiveTimestamp: 0,
      receiptHandle: undefined,
    };
    const { store } = this.state;
    store.transaction(() => {
      store.deleteMessage(message.messageId);
      store.insertMessage(destination.name, copy);
      if (destination.isFifo) store.putQueue(destination);
    });
    source.messages.delete(message.messageId);
    destination.messages.set(copy.messageId, copy);
    this.state.waiters.notify(destination.name);
  }
}
