import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { postOperation } from '../api/http';
import { toApiError } from '../lib/api-error';

/** How a long operation ended, as the page reports it. */
export type OperationEnd<Result> =
  | { readonly kind: 'result'; readonly result: Result }
  | { readonly kind: 'error'; readonly code: string; readonly message: string };

export interface Operation<Result> {
  readonly running: boolean;
  /** Progress messages so far, oldest first. */
  readonly progress: readonly string[];
  readonly end: OperationEnd<Result> | undefined;
  /** Starts the operation; one runs at a time, so a second start while running does nothing. */
  readonly start: (path: string, body?: unknown) => Promise<OperationEnd<Result> | undefined>;
}

/**
 * A long NDJSON operation (redrive, replay) run from a view: its progress as it streams and its
 * outcome, whether the server's error line, a refusal before it started, or a broken stream.
 */
export function useOperation<Result>(): Operation<Result> {
  const [state, setState] = useState<Omit<Operation<Result>, 'start'>>({
    running: false,
    progress: [],
    end: undefined,
  });
  const running = useRef(false);
  const controller = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => controller.current?.abort(), []);

  const start = useCallback(async (path: string, body?: unknown) => {
    if (running.current) return undefined;
    running.current = true;
    controller.current = new AbortController();
    setState({ running: true, progress: [], end: undefined });
    const onProgress = (message: string) =>
      setState((previous) => ({ ...previous, progress: [...previous.progress, message] }));
    let end: OperationEnd<Result>;
    try {
      const outcome = await postOperation<Result>(path, body, onProgress, controller.current.signal);
      end =
        outcome.type === 'result'
          ? { kind: 'result', result: outcome.result }
          : { kind: 'error', code: outcome.error, message: outcome.message };
    } catch (error) {
      const failure = toApiError(error);
      end = { kind: 'error', code: failure.code, message: failure.message };
    } finally {
      running.current = false;
    }
    setState((previous) => ({ ...previous, running: false, end }));
    return end;
  }, []);

  return { ...state, start };
}
