/**
 * The template uses something the local cloud cannot run faithfully, such as a resource type,
 * an intrinsic, or an authorizer it could not enforce. Raised while the template is read, so
 * the start stops, naming the resource, before any port is bound or any state is touched.
 */
export class UnsupportedTemplateError extends Error {
  constructor(
    readonly logicalId: string,
    message: string,
  ) {
    super(`${logicalId}: ${message}`);
    this.name = 'UnsupportedTemplateError';
  }

  /** One error for the problems a lenient reading found: the problem itself when alone, else all listed. */
  static listing(problems: readonly UnsupportedTemplateError[]): UnsupportedTemplateError {
    const [first, ...others] = problems;
    if (first === undefined) throw new RangeError('listing needs at least one problem');
    if (others.length === 0) return first;
    const listed = new UnsupportedTemplateError(first.logicalId, '');
    listed.message = [
      `the template has ${problems.length} things the local cloud cannot run:`,
      ...problems.map((problem) => `  ${problem.message}`),
    ].join('\n');
    return listed;
  }
}
