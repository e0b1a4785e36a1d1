import { resolve } from 'node:path';
import { DEFAULT_DATA_DIR } from '../../common/local-endpoints-file';
import { localTarget } from './local-target';
import type { ScenarioTarget } from './target';

/** Which target the command line names. */
export type TargetChoice =
  | { readonly kind: 'local'; readonly dataDir?: string }
  | {
      readonly kind: 'deployed';
      readonly stackName: string;
      readonly region?: string;
      readonly profile?: string;
    };

/**
 * The local cloud of `<cwd>/.switchyard` (or `--data-dir`), or a deployed stack (`--stack`).
 * Never one for the other: a suite meant for a deployed stack that quietly ran locally would
 * pass a deploy it never checked.
 */
export function resolveTarget(choice: TargetChoice, cwd: string): Promise<ScenarioTarget> {
  if (choice.kind === 'local') return localTarget(resolve(cwd, choice.dataDir ?? DEFAULT_DATA_DIR));
  // The AWS SDK loads only for a deployed stack.
  const { deployedTarget } = require('./deployed-target') as typeof import('./deployed-target');
  return deployedTarget(choice);
}
