import type { CfnTemplate } from '../platform/template/template-types';
import type { StackResources } from './stack-resources';

/** The template's Outputs whose Condition holds, resolved to their local values. */
export function stackOutputs(template: CfnTemplate, stack: StackResources): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const [name, output] of Object.entries(template.Outputs ?? {})) {
    if (output.Condition !== undefined && !stack.resolver.condition(output.Condition, `Outputs.${name}`))
      continue;
    outputs[name] = String(stack.resolve(output.Value, `Outputs.${name}`));
  }
  return outputs;
}
