/**
 * The one Node.js version every function targets. The Lambda runtime and the esbuild target
 * both derive from it, so the code is never bundled for a Node.js other than the one it runs on.
 * This module imports nothing, so the local runner can read it without loading the CDK.
 */
const NODE_MAJOR_VERSION = 24;

/** The Lambda runtime identifier of every function (`Runtime` in the template). */
export const LAMBDA_RUNTIME = `nodejs${NODE_MAJOR_VERSION}.x`;

/** The esbuild target the functions are bundled for: the Node.js of `LAMBDA_RUNTIME`. */
export const ESBUILD_TARGET = `node${NODE_MAJOR_VERSION}`;
