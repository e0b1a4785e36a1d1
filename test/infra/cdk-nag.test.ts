import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Validations } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IngestApiProps } from '../../infra/constructs/ingest-api';
import { acknowledgeNagFindings } from '../../infra/nag-acknowledgements';
import { SwitchyardStack } from '../../infra/stack';
import { removeTestApps, testApp } from './support/test-app';

afterAll(removeTestApps);

const synthWithNag = (api: IngestApiProps = {}) => {
  const app = testApp();
  const stack = new SwitchyardStack(app, 'Switchyard', { webhookAllowedHosts: ['hooks.example.com'], api });
  acknowledgeNagFindings(stack);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { assembly: app.synth(), stack };
};

const pluginConclusions = (assembly: CloudAssembly) => {
  const report = JSON.parse(
    readFileSync(path.join(assembly.directory, 'validation-report.json'), 'utf8'),
  ) as {
    pluginReports: { conclusion: string; violations: unknown[] }[];
  };
  return report.pluginReports.map((plugin) => [plugin.conclusion, plugin.violations.length]);
};

describe('cdk-nag AwsSolutions', () => {
  it('should pass with every acknowledged finding carrying a reason', () => {
    // GIVEN the stack with the AwsSolutions plugin WHEN synthesized THEN it does not throw
    const { assembly } = synthWithNag();

    expect(pluginConclusions(assembly)).toEqual([['success', 0]]);
  });

  it('should pass when the stack creates the account CloudWatch role', () => {
    // GIVEN the create-and-retain choice WHEN synthesized THEN the role's managed policy is acknowledged
    const { assembly } = synthWithNag({ cloudWatchRole: 'create-and-retain' });

    expect(pluginConclusions(assembly)).toEqual([['success', 0]]);
  });
});

const cfnLintInstalled = spawnSync('cfn-lint', ['--version']).status === 0;

// cfn-lint is a Python tool; where it is installed the synthesized template must pass it.
if (cfnLintInstalled) {
  describe('cfn-lint', () => {
    it('should find no error or warning in the synthesized template', () => {
      const { assembly, stack } = synthWithNag();
      const templatePath = path.join(assembly.directory, stack.templateFile);

      const run = () =>
        execFileSync('cfn-lint', ['--ignore-checks', 'W3005', '--', templatePath], { encoding: 'utf8' });

      expect(run).not.toThrow();
    });
  });
}
