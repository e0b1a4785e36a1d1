import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { EventBridgeStore } from '../../../../local/eventbridge/store/eventbridge-store';

const BUS_ARN = 'arn:aws:events:us-east-1:000000000000:event-bus/kept';

/** A data folder as the first release wrote it: a bus and no tags table. */
function firstReleaseDatabase(file: string): void {
  const db = new Database(file);
  db.exec('CREATE TABLE buses (name TEXT PRIMARY KEY, data TEXT NOT NULL)');
  db.prepare('INSERT INTO buses (name, data) VALUES (?, ?)').run(
    'kept',
    JSON.stringify({ name: 'kept', arn: BUS_ARN, createdAt: 1 }),
  );
  db.close();
}

describe('EventBridgeStore on a data folder from an earlier version', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'eventbridge-migration-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('should keep its buses and gain tags', () => {
    // Arrange
    const file = path.join(dir, 'eventbridge.db');
    firstReleaseDatabase(file);

    // Act
    const store = new EventBridgeStore(file);
    store.putTags(BUS_ARN, [{ Key: 'team', Value: 'orders' }]);
    const bus = store.getBus('kept');
    const tags = store.listTags(BUS_ARN);
    store.close();

    // Assert
    expect(bus).toEqual({ name: 'kept', arn: BUS_ARN, createdAt: 1 });
    expect(tags).toEqual([{ Key: 'team', Value: 'orders' }]);
  });
});
