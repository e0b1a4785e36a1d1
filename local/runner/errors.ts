/** Errors the runner raises at startup; each names the template resource it is about. */

export { UnsupportedTemplateError } from '../platform/unsupported-template-error';

/** Synthesizing the CDK app failed; `output` holds what the CLI printed. */
export class SynthesisError extends Error {
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
    this.name = 'SynthesisError';
  }
}
