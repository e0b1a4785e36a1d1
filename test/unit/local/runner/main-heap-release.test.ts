import { Worker } from 'node:worker_threads';
import { captureMainHeapCollector, releaseMainHeap } from '../../../../local/runner/main-heap-release';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** A WeakRef to an object nothing else holds. */
const unreferencedObject = () => new WeakRef({ rows: Array.from({ length: 1000 }, (_, i) => ({ i })) });

describe('releasing the main heap', () => {
  it('should collect garbage: an object only a WeakRef holds is gone after one release', async () => {
    // Arrange
    captureMainHeapCollector();
    const ref = unreferencedObject();
    // A WeakRef keeps its target alive until the job that created it has ended.
    await nextTurn();

    // Act
    releaseMainHeap();

    // Assert
    expect(ref.deref()).toBeUndefined();
  });

  it('should leave worker threads started later without a global gc, as Lambda has none', async () => {
    // Arrange
    captureMainHeapCollector();

    // Act
    const worker = new Worker("require('node:worker_threads').parentPort.postMessage(typeof gc)", {
      eval: true,
    });
    const gcType = await new Promise((resolve) => worker.once('message', resolve));
    await worker.terminate();

    // Assert
    expect(gcType).toBe('undefined');
  });
});
