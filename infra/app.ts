import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { acknowledgeNagFindings } from './nag-acknowledgements';
import { SwitchyardStack } from './stack';

const app = new App();
const listContext = (key: string): string[] | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value.map(String);
  return String(value)
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
};

const stack = new SwitchyardStack(app, app.node.tryGetContext('switchyard:stackName') ?? 'Switchyard', {
  description: 'Switchyard: enterprise integration patterns on AWS serverless',
  webhookAllowedHosts: listContext('switchyard:webhookAllowedHosts'),
  alarmEmails: listContext('switchyard:alarmEmails'),
});
acknowledgeNagFindings(stack);
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
