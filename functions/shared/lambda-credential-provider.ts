import { fromEnv } from '@aws-sdk/credential-provider-env';
import { memoize } from '@smithy/core/config';

/** Credentials this close to their expiration are read again, as the SDK's default chain does. */
const REFRESH_BEFORE_EXPIRY_MS = 5 * 60 * 1000;

type EnvCredentials = Awaited<ReturnType<ReturnType<typeof fromEnv>>>;

/**
 * The credential provider the functions' SDK clients use: the execution role's credentials,
 * which Lambda always sets in the environment (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
 * `AWS_SESSION_TOKEN`), as the local runtime does too. It is the first link of the SDK's default
 * chain, the one Lambda uses; the other links (profiles, SSO, web identity, container and
 * instance metadata) are never reached there, yet the clients import them all statically: about
 * 95 KB of every bundle. The bundler substitutes this module for
 * `@aws-sdk/credential-provider-node` (see `infra/constructs/switchyard-function.ts`).
 *
 * Memoized, as the default chain is: the SDK does not memoize what `credentialDefaultProvider`
 * returns, so a bare `fromEnv` would read six environment variables on every call. Credentials
 * with an expiration are read again within five minutes of it; unlike the chain, which refreshes
 * in the background, that read happens in the call. Lambda sets no expiration, so there the
 * credentials are read once per environment.
 */
export const defaultProvider = (init?: Parameters<typeof fromEnv>[0]) =>
  memoize(
    fromEnv(init),
    (credentials: EnvCredentials) =>
      credentials.expiration !== undefined &&
      credentials.expiration.getTime() - Date.now() < REFRESH_BEFORE_EXPIRY_MS,
    (credentials: EnvCredentials) => credentials.expiration !== undefined,
  );
