import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * The credential provider the functions' SDK clients use: the execution role's credentials,
 * which Lambda always sets in the environment (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
 * `AWS_SESSION_TOKEN`), as the local runtime does too. It is the first link of the SDK's default
 * chain, the one Lambda uses; the other links (profiles, SSO, web identity, container and
 * instance metadata) are never reached there, yet the clients import them all statically: about
 * 95 KB of every bundle. The bundler substitutes this module for
 * `@aws-sdk/credential-provider-node` (see `infra/constructs/switchyard-function.ts`).
 */
export const defaultProvider = fromEnv;
