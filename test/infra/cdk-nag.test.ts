import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { acknowledgeNagFindings } from '../../infra/nag-acknowledgements';
import { SwitchyardStack } from '../../infra/stack';
import { removeTestApps, testApp } from './support/test-app';

afterAll(removeTestApps);

const synthWithNag = () => {
  const app = testApp();
  const stack = new SwitchyardStack(app, 'Switchyard', { webhookAllowedHosts: ['hooks.example.com'] });
  acknowledgeNagFindings(stack);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { assembly: app.synth(), stack };
};

describe('cdk-nag AwsSolutions', () => {
  it('should pass with every acknowledged finding carrying a reason', () => {
    // GIVEN the stack with the AwsSolutions plugin WHEN synthesized THEN it does not throw
    const { assembly } = synthWithNag();

    const report = JSON.parse(
      readFileSync(path.join(assembly.directory, 'validation-report.json'), 'utf8'),
    ) as {
      pluginReports: { conclusion: string; violations: unknown[] }[];
    };
    expect(report.pluginReports.map((plugin) => [plugin.conclusion, plugin.violations.length])).toEqual([
      ['success', 0],
    ]);
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
