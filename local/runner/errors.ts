/** Errors the runner raises at startup; each names the template resource it is about. */

/** The template uses something the local cloud cannot run faithfully. */
export class UnsupportedTemplateError extends Error {
  constructor(
    readonly logicalId: string,
    message: string,
  ) {
    super(`${logicalId}: ${message}`);
    this.name = 'UnsupportedTemplateError';
  }
}

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
