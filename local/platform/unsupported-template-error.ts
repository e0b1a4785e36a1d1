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
}
