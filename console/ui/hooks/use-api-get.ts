import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { getJson } from '../api/http';
import { type ApiError, toApiError } from '../lib/api-error';

export interface ApiGet<T> {
  readonly data: T | undefined;
  readonly error: ApiError | undefined;
  readonly loading: boolean;
  /** Fetches the same path again (after an action changed what it answers). */
  readonly reload: () => void;
}

/**
 * `GET path` whenever the path changes (null: nothing to fetch yet). An answer to a path the
 * view has since left is dropped, so a slow answer never overwrites a newer one.
 */
export function useApiGet<T>(path: string | null): ApiGet<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({
    loading: path !== null,
  });
  const [generation, setGeneration] = useState(0);
  const lastPath = useRef(path);
  useEffect(() => {
    // Another path's answer must not stay on screen as if it were this one's; a reload keeps it.
    const samePath = lastPath.current === path;
    lastPath.current = path;
    if (path === null) {
      setState({ loading: false });
      return undefined;
    }
    const controller = new AbortController();
    setState((previous) => (samePath ? { ...previous, loading: true } : { loading: true }));
    getJson<T>(path, controller.signal).then(
      (data) => setState({ data, loading: false }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ error: toApiError(error), loading: false });
      },
    );
    return () => controller.abort();
  }, [path, generation]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
