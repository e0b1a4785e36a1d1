/** What a Lambda authorizer granted: `requestContext.authorizer` and `$context.authorizer.*`. */
export interface GrantedAuthorization {
  readonly principalId: string;
  readonly context: Readonly<Record<string, string>>;
  /** Milliseconds the authorizer ran; 0 for a cached result. */
  readonly integrationLatency: number;
}
