import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { SqsMessage } from '../../../../local/sqs/sqs-message';
import type { SqsQueue } from '../../../../local/sqs/sqs-queue';
import { SqsStore } from '../../../../local/sqs/store/sqs-store';

const queue = (name: string): SqsQueue => ({
  name,
  arn: `arn:aws:sqs:us-east-1:000000000000:${name}`,
  isFifo: false,
  createdTimestamp: 1,
  attributes: {},
  lastModifiedTimestamp: 1,
  tags: {},
  messages: new Map(),
  sequence: 0n,
  lastPurgeAt: 0,
});

const message = (messageId: string, body = messageId): SqsMessage => ({
  messageId,
  body,
  messageAttributes: undefined,
  systemAttributes: undefined,
  md5OfBody: 'md5',
  md5OfMessageAttributes: undefined,
  md5OfSystemAttributes: undefined,
  sentTimestamp: 1,
  enqueuedAt: 1,
  arrivedAt: 1,
  messageGroupId: undefined,
  messageDeduplicationId: undefined,
  sequenceNumber: undefined,
  deadLetterSourceArn: undefined,
  visibleAt: 0,
  receiveCount: 0,
  firstReceiveTimestamp: 0,
  receiptHandle: undefined,
});

const failing = (store: SqsStore, work: () => void) => () =>
  store.transaction(() => {
    work();
    throw new Error('the commit failed');
  });

describe('SqsStore', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'switchyard-sqs-store-'));
    file = join(dir, 'sqs.db');
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** A store opened on the test's file, loaded as the model does, with these queues in it. */
  const openStore = (...queueNames: string[]): SqsStore => {
    const store = new SqsStore(file);
    store.load();
    for (const name of queueNames) store.putQueue(queue(name));
    return store;
  };

  const storedBodies = (): string[] => {
    const store = new SqsStore(file);
    const bodies = store.load().queues.flatMap((q) => [...q.messages.values()].map((m) => m.body));
    store.close();
    return bodies;
  };

  it('should forget a rolled-back insert, so the same message can be stored afterwards', () => {
    // Arrange
    const store = openStore('orders');

    // Act
    expect(failing(store, () => store.insertMessage('orders', message('m-1')))).toThrow('the commit failed');
    store.insertMessage('orders', message('m-1', 'second try'));
    store.close();

    // Assert
    expect(storedBodies()).toEqual(['second try']);
  });

  it('should keep a message whose delete rolled back, and delete it later', () => {
    // Arrange
    const store = openStore('orders');
    store.insertMessage('orders', message('m-1'));
    store.insertMessage('orders', message('m-2'));

    // Act
    expect(failing(store, () => store.deleteMessage('m-1'))).toThrow('the commit failed');
    const afterRollback = storedBodies();
    store.deleteMessage('m-1');
    store.close();

    // Assert
    expect(afterRollback).toEqual(['m-1', 'm-2']);
    expect(storedBodies()).toEqual(['m-2']);
  });

  it('should keep the messages of a queue whose purge rolled back', () => {
    // Arrange
    const store = openStore('orders');
    store.insertMessage('orders', message('m-1'));

    // Act
    expect(failing(store, () => store.purgeMessages('orders'))).toThrow('the commit failed');
    store.updateMessage({ ...message('m-1'), receiveCount: 3 });
    store.close();

    // Assert
    const reopened = new SqsStore(file);
    const [orders] = reopened.load().queues;
    reopened.close();
    expect(orders?.messages.get('m-1')?.receiveCount).toBe(3);
  });

  it('should undo only the inner part of a nested transaction that failed', () => {
    // Arrange
    const store = openStore('orders');

    // Act: the outer transaction goes on after its inner one (a savepoint) rolled back
    store.transaction(() => {
      store.insertMessage('orders', message('kept'));
      expect(failing(store, () => store.insertMessage('orders', message('dropped')))).toThrow(
        'the commit failed',
      );
    });
    store.insertMessage('orders', message('dropped', 'stored later'));
    store.updateMessage({ ...message('kept'), receiveCount: 2 });
    store.close();

    // Assert
    expect(storedBodies()).toEqual(['kept', 'stored later']);
  });

  it('should keep a message in its queue when its move to another rolled back', () => {
    // Arrange
    const store = openStore('orders', 'orders-dlq');
    store.insertMessage('orders', message('m-1'));

    // Act: a dead-letter move deletes the message, then stores it under the same id elsewhere
    expect(
      failing(store, () => {
        store.deleteMessage('m-1');
        store.insertMessage('orders-dlq', message('m-1'));
      }),
    ).toThrow('the commit failed');
    store.updateMessage({ ...message('m-1'), receiveCount: 4 });
    store.close();

    // Assert
    const reopened = new SqsStore(file);
    const queues = reopened.load().queues;
    reopened.close();
    expect(queues.map((q) => [q.name, [...q.messages.values()].map((m) => m.receiveCount)])).toEqual([
      ['orders', [4]],
      ['orders-dlq', []],
    ]);
  });

  it('should refuse to change a message whose row is gone, rather than acknowledge a lost write', () => {
    // Arrange: the row removed behind the store's back
    const store = openStore('orders');
    store.insertMessage('orders', message('m-1'));
    const raw = new Database(file);
    raw.prepare("DELETE FROM messages WHERE message_id = 'm-1'").run();
    raw.close();

    // Act and assert
    expect(() => store.updateMessage(message('m-1'))).toThrow('message m-1 is not stored');
    expect(() => store.deleteMessage('m-1')).toThrow('message m-1 is not stored');
    store.close();
  });

  it('should refuse to store a message id that is still stored, and to change one that is not', () => {
    // Arrange
    const store = openStore('orders');
    store.insertMessage('orders', message('m-1'));
    store.purgeMessages('orders');
    store.insertMessage('orders', message('m-2'));

    // Act and assert: a purged id is free again; a stored one is not; an unknown one cannot change
    expect(() => store.insertMessage('orders', message('m-1'))).not.toThrow();
    expect(() => store.insertMessage('orders', message('m-2'))).toThrow('message m-2 is already stored');
    expect(() => store.updateMessage(message('m-3'))).toThrow('message m-3 is not stored');
    expect(() => store.deleteMessage('m-3')).toThrow('message m-3 is not stored');
    store.close();
  });
});
