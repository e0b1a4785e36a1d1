import { getEventListeners } from 'node:events';
import { linkedAbort } from '../../../../local/platform/linked-abort';

describe('a linked abort', () => {
  it('should abort when its parent aborts, with the parent’s reason', () => {
    // Arrange
    const parent = new AbortController();
    const linked = linkedAbort(parent.signal);

    // Act
    parent.abort(new Error('stopping'));

    // Assert
    expect(linked.signal.aborted).toBe(true);
    expect(linked.signal.reason).toEqual(new Error('stopping'));
  });

  it('should start aborted when its parent already is', () => {
    // Arrange
    const parent = new AbortController();
    parent.abort();

    // Act
    const linked = linkedAbort(parent.signal, 60_000);

    // Assert
    expect(linked.signal.aborted).toBe(true);
    expect(getEventListeners(parent.signal, 'abort')).toHaveLength(0);
  });

  it('should abort with a TimeoutError once its time is up', async () => {
    // Arrange
    const parent = new AbortController();
    const linked = linkedAbort(parent.signal, 20);

    // Act
    await new Promise((resolve) => linked.signal.addEventListener('abort', resolve, { once: true }));
    linked.dispose();

    // Assert
    expect(linked.signal.reason).toMatchObject({ name: 'TimeoutError' });
    expect(parent.signal.aborted).toBe(false);
  });

  it('should leave nothing on its parent once disposed, however many were linked', () => {
    // Arrange
    const parent = new AbortController();
    const linked = Array.from({ length: 50 }, () => linkedAbort(parent.signal, 60_000));
    const whileLinked = getEventListeners(parent.signal, 'abort').length;

    // Act
    for (const link of linked) link.dispose();

    // Assert
    expect(whileLinked).toBe(50);
    expect(getEventListeners(parent.signal, 'abort')).toHaveLength(0);
  });

  it('should not abort after disposal, neither by its timer nor by its parent', async () => {
    // Arrange
    const parent = new AbortController();
    const linked = linkedAbort(parent.signal, 10);

    // Act
    linked.dispose();
    await new Promise((resolve) => setTimeout(resolve, 30));
    parent.abort();

    // Assert
    expect(linked.signal.aborted).toBe(false);
  });
});
