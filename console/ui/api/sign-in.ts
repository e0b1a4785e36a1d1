/**
 * The one place that learns the session is not (or no longer) signed in: any call answering 401
 * or 403 reports here, and the app swaps every view for the page that says how to sign in.
 */
const listeners = new Set<() => void>();

export function onSignInRequired(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function reportSignInRequired(): void {
  for (const listener of listeners) listener();
}
