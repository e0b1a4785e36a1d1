import type { CfnTemplate } from '../platform/template/template-types';
import type { UnsupportedTemplateError } from '../platform/unsupported-template-error';
import { stackOutputs } from './stack-outputs';
import { type LocalStackIdentity, StackResources } from './stack-resources';

/**
 * The problems the start would stop at while resolving the template, found in one lenient pass
 * over what it resolves: each resource's type and Condition, the properties of the resources the
 * local cloud runs, and the Outputs. The start still reads strictly afterwards and never runs the
 * lenient values; this pass only lets one error name the problems together, so a template is not
 * fixed one restart per problem. The API Gateway resources are read by their emulator, strictly.
 */
export function templateProblems(
  template: CfnTemplate,
  identity: LocalStackIdentity,
): readonly UnsupportedTemplateError[] {
  const stack = new StackResources(template, identity, 'lenient');
  stack.list();
  stackOutputs(template, stack);
  return stack.resolver.problems;
}
