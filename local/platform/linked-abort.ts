/** An abort signal tied to a longer-lived one, which must be disposed of when its work is done. */
export interface LinkedAbort {
  readonly signal: AbortSignal;
  /** Unties it from its parent and stops its timer, so the parent holds nothing of it. */
  dispose(): void;
}

/**
 * A signal that aborts when `parent` does, or after `timeoutMs`. Written by hand instead of
 * `AbortSignal.any([parent, AbortSignal.timeout(ms)])` because a long-lived parent keeps a
 * record of every signal `any` derived from it, which garbage collection does not reclaim in
 * Node.js 20 or 22: about 50 to 180 bytes per call, for as long as the parent lives. Disposing
 * removes the one listener this adds to the parent, so nothing is left behind.
 */
export function linkedAbort(parent: AbortSignal, timeoutMs?: number): LinkedAbort {
  const controller = new AbortController();
  if (parent.aborted) {
    controller.abort(parent.reason);
    return { signal: controller.signal, dispose: () => undefined };
  }
  const followParent = () => controller.abort(parent.reason);
  parent.addEventListener('abort', followParent, { once: true });
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(
          () => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')),
          timeoutMs,
        );
  return {
    signal: controller.signal,
    dispose: () => {
      parent.removeEventListener('abort', followParent);
      clearTimeout(timer);
    },
  };
}
